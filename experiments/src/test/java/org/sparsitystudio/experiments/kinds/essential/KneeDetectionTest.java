package org.sparsitystudio.experiments.kinds.essential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KneeDetectionTest {

    /** 0, 0.1, …, 1.0. */
    private static double[] grid() {
        double[] s = new double[11];
        for (int i = 0; i < s.length; i++) {
            s[i] = i / 10.0;
        }
        return s;
    }

    /** Accuracy {@code high} up to and including sparsity {@code knee}, {@code low} after. */
    private static double[] step(double knee, double high, double low) {
        double[] s = grid();
        double[] acc = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            acc[i] = s[i] <= knee ? high : low;
        }
        return acc;
    }

    @Test
    void flatThenLinearDrop() {
        double[] s = grid();
        double[] acc = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            acc[i] = s[i] <= 0.5 ? 0.9 : 0.9 - 1.6 * (s[i] - 0.5);
        }
        assertEquals(0.5, KneeDetection.kneedle(s, acc));
        assertEquals(0.5, KneeDetection.toleranceKnee(s, acc, 0.01));
        // a budget of 20 pp admits the first point of the drop (0.74 ≥ 0.70) but not the second (0.58)
        assertEquals(0.6, KneeDetection.toleranceKnee(s, acc, 0.2));
        assertEquals(1.0, KneeDetection.toleranceKnee(s, acc, 0.8));
    }

    @Test
    void step() {
        double[] acc = step(0.7, 0.95, 0.1);
        assertEquals(0.7, KneeDetection.kneedle(grid(), acc));
        assertEquals(0.7, KneeDetection.toleranceKnee(grid(), acc, 0.01));
        assertEquals(0.7, KneeDetection.toleranceKnee(grid(), acc, 0.0));
    }

    @Test
    void noiseWithinTheToleranceDoesNotEndTheFlatPart() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] acc = step(0.6, 0.9, 0.3);
        for (int i = 0; i <= 6; i++) {
            acc[i] += rng.nextDouble(-0.004, 0.004);
        }
        double[] s = grid();
        assertEquals(0.6, KneeDetection.toleranceKnee(s, acc, 0.01));
        assertEquals(0.6, KneeDetection.kneedle(s, acc));
    }

    @Test
    void toleranceKneeStopsAtTheFirstDipEvenIfAccuracyRecovers() {
        double[] acc = step(0.8, 0.9, 0.2);
        acc[3] = 0.85;
        assertEquals(0.2, KneeDetection.toleranceKnee(grid(), acc, 0.01));
        assertEquals(0.0, KneeDetection.toleranceKnee(new double[] {0, 0.5}, new double[] {0.9, 0.5}, 0.01));
    }

    @Test
    void aDropOfExactlyTheToleranceIsWithinIt() {
        double[] s = {0, 0.5, 0.9};
        assertEquals(0.5, KneeDetection.toleranceKnee(s, new double[] {0.95, 0.94, 0.5}, 0.01));
        assertEquals(0.5, KneeDetection.toleranceKnee(s, new double[] {95, 94, 50}, 1.0), "percent units");
    }

    @Test
    void kneedleTiesGoToTheSmallestSparsity() {
        double[] s = {0, 0.25, 0.5, 0.75, 1};
        // scores ŷ + x̂ − 1: 0, 0.25, 0.25, 0.25, 0
        assertEquals(0.25, KneeDetection.kneedle(s, new double[] {1, 1, 0.75, 0.5, 0}));
        // a straight line scores 0 everywhere, up to rounding
        double[] line = new double[11];
        for (int i = 0; i < line.length; i++) {
            line[i] = 0.93 - 0.083 * grid()[i];
        }
        assertEquals(0.0, KneeDetection.kneedle(grid(), line));
    }

    @Test
    void degenerateInputsAreRejected() {
        double[] one = {0};
        assertRejected(() -> KneeDetection.kneedle(one, new double[] {0.9}), "at least 2 points");
        assertRejected(() -> KneeDetection.toleranceKnee(one, new double[] {0.9}, 0.01), "at least 2 points");
        assertRejected(() -> KneeDetection.kneedle(new double[] {0, 0.5}, new double[] {0.9, 0.9}), "constant");
        assertRejected(() -> KneeDetection.kneedle(new double[] {0, 0.5, 0.3}, new double[] {0.9, 0.8, 0.7}),
                "strictly increasing");
        assertRejected(() -> KneeDetection.toleranceKnee(new double[] {0, 0.5, 0.5}, new double[] {0.9, 0.8, 0.7}, 0.01),
                "strictly increasing");
        assertRejected(() -> KneeDetection.kneedle(new double[] {0, 0.5}, new double[] {0.9, Double.NaN}),
                "not finite");
        assertRejected(() -> KneeDetection.kneedle(new double[] {0, Double.NaN}, new double[] {0.9, 0.8}),
                "not finite");
        assertRejected(() -> KneeDetection.kneedle(new double[] {0, 0.5}, new double[] {0.9}), "2 sparsities but 1");
        assertRejected(() -> KneeDetection.toleranceKnee(new double[] {0, 0.5}, new double[] {0.9, 0.8}, -0.01),
                "tolerance");
        assertRejected(() -> KneeDetection.toleranceKnee(new double[] {0.1, 0.5}, new double[] {0.9, 0.8}, 0.01),
                "start at sparsity 0");
        assertRejected(() -> KneeDetection.summarise(grid(), List.of(), KneeDetection.kneedle()), "no curves");
        assertRejected(() -> KneeDetection.summarise(grid(), List.of(new double[3]), KneeDetection.kneedle()),
                "curve 0 has 3 points");
    }

    @Test
    void constantAccuracyHasToleranceKneeAtTheEndOfTheGrid() {
        assertEquals(1.0, KneeDetection.toleranceKnee(grid(), new double[11], 0.01));
    }

    @Test
    void summaryAcrossSeeds() {
        List<double[]> curves = List.of(step(0.5, 0.9, 0.1), step(0.6, 0.9, 0.1), step(0.7, 0.9, 0.1));

        KneeDetection.Summary tolerance = KneeDetection.summarise(grid(), curves, KneeDetection.tolerance(0.01));
        KneeDetection.Summary kneedle = KneeDetection.summarise(grid(), curves, KneeDetection.kneedle());

        for (KneeDetection.Summary summary : List.of(tolerance, kneedle)) {
            assertEquals(List.of(0.5, 0.6, 0.7), summary.knees());
            assertEquals(0.6, summary.mean(), 1e-12);
            assertEquals(0.1, summary.std(), 1e-12);
            assertEquals(0.5, summary.min());
            assertEquals(0.7, summary.max());
            // the mean curve already falls (to 0.63) at 0.6, where one seed has collapsed
            assertEquals(0.5, summary.kneeOfMeanCurve());
        }
        KneeDetection.Summary single = KneeDetection.summarise(grid(), List.of(step(0.3, 0.9, 0.1)),
                KneeDetection.kneedle());
        assertEquals(0.3, single.mean());
        assertTrue(Double.isNaN(single.std()));
    }

    private static void assertRejected(Runnable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
    }
}
