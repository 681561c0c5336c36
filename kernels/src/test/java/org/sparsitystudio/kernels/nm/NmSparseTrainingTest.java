package org.sparsitystudio.kernels.nm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.optim.Sgd;
import org.sparsitystudio.kernels.sparsity.NmPattern;

class NmSparseTrainingTest {

    private static final double[] W0 = {0.5, -0.1, 0.3, 0.2};
    private static final INDArray X = Nd4j.createFromArray(new double[][] {{1, 2, 3, 4}});
    private static final INDArray G = Nd4j.createFromArray(new double[][] {{1}});

    /** A 4 → 1 layer without bias holding {@link #W0}; the loss is y itself. */
    private static Linear tinyLayer() {
        Linear layer = new Linear(4, 1, false, DataType.DOUBLE, new SplittableRandom(1));
        layer.weight().value().assign(Nd4j.createFromArray(new double[][] {W0}));
        return layer;
    }

    private static NmSparseTraining.Config config(NmMethod method, NmPattern p, long steps, double fd, double fft,
            int interval, double lambda) {
        return new NmSparseTraining.Config(method, p, steps, fd, fft, interval, lambda);
    }

    private static double[] row(INDArray a) {
        return a.dup().reshape(a.length()).toDoubleVector();
    }

    @Test
    void srSteUpdateMatchesHandComputation() {
        Linear layer = tinyLayer();
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.SR_STE, new NmPattern(2, 4), 10, 0, 0, 1, 0.5));
        Sgd sgd = new Sgd(layer.parameters(), 0, false, 0);
        nm.beforeStep(0);
        assertArrayEquals(new double[] {1, 0, 1, 0}, row(layer.mask()), "|0.5| and |0.3| are the two largest");
        assertEquals(1.4, layer.forward(X, true).getDouble(0, 0), 1e-12, "0.5·1 + 0.3·3");
        INDArray dx = layer.backward(G);
        assertArrayEquals(new double[] {0.5, 0, 0.3, 0}, row(dx), 1e-12, "dx = dy W̃");
        // x straight through, plus λ(1 − E) ⊙ W = 0.5 · (0, −0.1, 0, 0.2)
        assertArrayEquals(new double[] {1, 1.95, 3, 4.1}, row(layer.weight().grad()), 1e-12);
        nm.afterBackward();
        sgd.step(0.1);
        assertArrayEquals(new double[] {0.4, -0.295, 0.0, -0.21}, row(layer.weight().value()), 1e-12);

        nm.beforeStep(1);
        assertArrayEquals(new double[] {1, 1, 0, 0}, row(layer.mask()), "the update moved the kept pair");
        NmSparseTraining.Statistics stats = nm.drainStatistics();
        assertEquals(0.5, stats.flipRate(), 1e-12, "two of four entries flipped");
        // the norms are summed from float copies of the gradient
        assertEquals(Math.sqrt(1 + 9), stats.gradNormKept(), 1e-6);
        assertEquals(Math.sqrt(1.95 * 1.95 + 4.1 * 4.1), stats.gradNormPruned(), 1e-6);
        assertEquals(2, stats.recomputations());
        assertEquals(1, stats.maskedSteps());
    }

    @Test
    void srSteAtScienceLambdaAddsTwoTenThousandthsOfPrunedWeights() {
        Linear layer = tinyLayer();
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.SR_STE, new NmPattern(2, 4), 10, 0, 0, 1, 2e-4));
        nm.beforeStep(0);
        layer.forward(X, true);
        layer.backward(G);
        assertArrayEquals(new double[] {1, 2 - 2e-5, 3, 4 + 4e-5}, row(layer.weight().grad()), 1e-15);
        assertEquals(PrunedWeightRule.srSte(2e-4), layer.prunedWeightRule());
    }

    @Test
    void steAddsNoDecayTerm() {
        Linear layer = tinyLayer();
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.STE, new NmPattern(2, 4), 10, 0, 0, 1, 0.5));
        nm.beforeStep(0);
        layer.forward(X, true);
        layer.backward(G);
        assertArrayEquals(new double[] {1, 2, 3, 4}, row(layer.weight().grad()), 1e-15);
    }

    @Test
    void mdgfLinearUpdateMatchesHandComputation() {
        Linear layer = tinyLayer();
        // four decay steps: β(t) = 1 − t/4, so β = 0.25 at step 3
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.MDGF_LINEAR, new NmPattern(2, 4), 4, 0, 0, 1, 0.5));
        Sgd sgd = new Sgd(layer.parameters(), 0, false, 0);
        assertEquals(0.25, nm.betaAt(3), 1e-15);
        nm.beforeStep(3);
        assertEquals(PrunedWeightRule.decayingValue(0.25), layer.prunedWeightRule());
        // W̃ = (0.5, −0.025, 0.3, 0.05): y = 0.5 − 0.05 + 0.9 + 0.2
        assertEquals(1.55, layer.forward(X, true).getDouble(0, 0), 1e-12);
        INDArray dx = layer.backward(G);
        assertArrayEquals(new double[] {0.5, -0.025, 0.3, 0.05}, row(dx), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4}, row(layer.weight().grad()), 1e-12,
                "straight-through, and no SR-STE term even with λ_W set");
        sgd.step(0.1);
        assertArrayEquals(new double[] {0.4, -0.3, 0.0, -0.2}, row(layer.weight().value()), 1e-12);
    }

    @Test
    void mdgfExponentialUsesTheScheduleBeta() {
        Linear layer = tinyLayer();
        // four decay steps: β(t) = 100^(−t/4), so β = 0.1 at step 2
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.MDGF_EXP, new NmPattern(2, 4), 4, 0, 0, 1, 0));
        nm.beforeStep(2);
        assertEquals(0.1, layer.prunedWeightRule().valueFraction(), 1e-12);
        assertEquals(0.5 - 0.02 + 0.9 + 0.08, layer.forward(X, true).getDouble(0, 0), 1e-12);
    }

    @Test
    void mdgfBecomesAHardMaskAfterTheDecay() {
        Linear layer = tinyLayer();
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.MDGF_EXP, new NmPattern(2, 4), 10, 0, 0.2, 1, 0));
        nm.beforeStep(7);
        assertTrue(layer.prunedWeightRule().valueFraction() > 0);
        nm.beforeStep(8);
        assertEquals(0.0, nm.betaAt(8));
        assertEquals(PrunedWeightRule.STRAIGHT_THROUGH, layer.prunedWeightRule());
        assertEquals(1.4, layer.forward(X, true).getDouble(0, 0), 1e-12);
    }

    /** Checks every group of every row keeps exactly the pattern's count, and the largest magnitudes. */
    private static void assertExactNm(Linear layer, NmPattern p, String where) {
        double[][] w = layer.weight().value().toDoubleMatrix();
        double[][] e = layer.mask().toDoubleMatrix();
        for (int r = 0; r < w.length; r++) {
            for (int g = 0; g < w[r].length; g += p.m()) {
                int len = Math.min(p.m(), w[r].length - g);
                int ones = 0;
                double minKept = Double.POSITIVE_INFINITY;
                double maxPruned = 0;
                for (int j = g; j < g + len; j++) {
                    assertTrue(e[r][j] == 0 || e[r][j] == 1, where);
                    if (e[r][j] == 1) {
                        ones++;
                        minKept = Math.min(minKept, Math.abs(w[r][j]));
                    } else {
                        maxPruned = Math.max(maxPruned, Math.abs(w[r][j]));
                    }
                }
                assertEquals(p.keptIn(len), ones, where + ", row " + r + ", group at " + g);
                assertTrue(minKept >= maxPruned, where + ": a pruned weight outranks a kept one");
            }
        }
    }

    /** Trains {@code layer} on random data under {@code nm}, calling {@code check} after each mask update. */
    private static void train(Linear layer, NmSparseTraining nm, long steps, double lr,
            java.util.function.LongConsumer check) {
        SplittableRandom rng = new SplittableRandom(42);
        Sgd sgd = new Sgd(layer.parameters(), 0, false, 0);
        for (long step = 0; step < steps; step++) {
            nm.beforeStep(step);
            check.accept(step);
            INDArray x = Init.normal(layer.weight().value().dataType(), rng, 1.0, 5, layer.inFeatures());
            INDArray g = Init.normal(layer.weight().value().dataType(), rng, 1.0, 5, layer.outFeatures());
            layer.forward(x, true);
            layer.backward(g);
            nm.afterBackward();
            sgd.step(lr);
        }
    }

    @Test
    void everyRecomputedMaskKeepsExactlyNPerGroup() {
        for (String text : List.of("2:4", "1:4", "2:8", "1:8", "4:16", "1:16", "1:32", "2:32")) {
            NmPattern p = NmPattern.parse(text);
            // 70 inputs: whole groups and a shorter last group for every M here
            Linear layer = new Linear(70, 6, true, DataType.FLOAT, new SplittableRandom(text.hashCode()));
            NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                    config(NmMethod.SR_STE, p, 12, 0, 0, 1, 2e-4));
            train(layer, nm, 12, 0.5, step -> assertExactNm(layer, p, text + " step " + step));
            NmSparseTraining.Statistics stats = nm.drainStatistics();
            assertEquals(12, stats.recomputations());
            assertTrue(stats.flipRate() > 0 && stats.flipRate() < 1, text + ": large steps flip some entries");
            assertTrue(stats.gradNormPruned() > 0 && stats.gradNormKept() > 0);
        }
    }

    @Test
    void sdgfMasksFollowTheirFramesOnTheLayer() {
        NmPattern target = new NmPattern(1, 16);
        Linear layer = new Linear(32, 4, false, DataType.FLOAT, new SplittableRandom(5));
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.SDGF, target, 100, 0.1, 0.1, 1, 2e-4));
        train(layer, nm, 100, 0.05, step -> {
            int expected;
            if (step < 10) {
                assertNull(layer.mask(), "dense phase");
                return;
            } else if (step < 26) {
                expected = 15;
            } else if (step < 42) {
                expected = 8;
            } else if (step < 58) {
                expected = 4;
            } else if (step < 74) {
                expected = 2;
            } else {
                expected = 1;
            }
            assertEquals(new NmPattern(expected, 16), nm.patternAt(step));
            assertExactNm(layer, new NmPattern(expected, 16), "step " + step);
            assertEquals(PrunedWeightRule.srSte(2e-4), layer.prunedWeightRule());
        });
    }

    @Test
    void recomputeIntervalHoldsTheMaskInBetween() {
        Linear layer = new Linear(16, 8, false, DataType.FLOAT, new SplittableRandom(9));
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.STE, new NmPattern(1, 4), 30, 0, 0, 5, 0));
        INDArray[] previous = new INDArray[1];
        int[] changedAt = new int[30];
        train(layer, nm, 30, 2.0, step -> {
            if (previous[0] != null && !previous[0].equals(layer.mask())) {
                changedAt[(int) step] = 1;
            }
            previous[0] = layer.mask().dup();
        });
        for (int step = 1; step < 30; step++) {
            if (step % 5 != 0) {
                assertEquals(0, changedAt[step], "mask changed between recomputations at step " + step);
            }
        }
        assertTrue(changedAt[5] + changedAt[10] + changedAt[15] + changedAt[20] + changedAt[25] > 0,
                "large steps change the mask at some recomputation");
        assertEquals(6, nm.drainStatistics().recomputations());
    }

    @Test
    void finishLeavesTheHardTargetMaskAndExactlyNNonzerosPerGroup() {
        NmPattern p = new NmPattern(2, 8);
        Linear layer = new Linear(64, 12, true, DataType.FLOAT, new SplittableRandom(3));
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.MDGF_EXP, p, 20, 0, 0, 1, 0));
        train(layer, nm, 20, 0.1, step -> { });
        assertTrue(layer.prunedWeightRule().valueFraction() > 0, "the last decay step still had β > 0");
        nm.finish();
        assertTrue(nm.finished());
        assertEquals(PrunedWeightRule.DROP, layer.prunedWeightRule());
        assertExactNm(layer, p, "after finish");
        float[] w = layer.weight().value().data().asFloat();
        for (int g = 0; g < w.length; g += 8) {
            int nonzero = 0;
            for (int j = g; j < g + 8; j++) {
                nonzero += w[j] != 0f ? 1 : 0;
            }
            assertEquals(2, nonzero, "stored weights are N:M themselves");
        }
        NmCompressedLinear compressed = nm.compressed().get(0);
        assertEquals(layer.weight().value(), compressed.toDense());
        INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(4), 1.0, 7, 64);
        assertTrue(layer.forward(x, false).equalsWithEps(compressed.forward(x), 1e-5));
        assertThrows(IllegalStateException.class, () -> nm.beforeStep(20));
    }

    @Test
    void denseMethodNeverMasks() {
        Linear layer = new Linear(16, 4, false, DataType.FLOAT, new SplittableRandom(2));
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.DENSE, new NmPattern(1, 4), 10, 0, 0, 1, 2e-4));
        train(layer, nm, 10, 0.1, step -> assertNull(layer.mask()));
        NmSparseTraining.Statistics stats = nm.drainStatistics();
        assertTrue(Double.isNaN(stats.flipRate()) && Double.isNaN(stats.gradNormPruned()));
        nm.finish();
        assertNull(layer.mask());
        assertThrows(IllegalStateException.class, nm::compressed);
    }

    @Test
    void denseFractionTrainsUnmaskedFirst() {
        Linear layer = new Linear(16, 4, false, DataType.FLOAT, new SplittableRandom(2));
        NmSparseTraining nm = new NmSparseTraining(List.of(layer),
                config(NmMethod.SR_STE, new NmPattern(2, 4), 10, 0.3, 0, 1, 2e-4));
        train(layer, nm, 10, 0.1, step -> assertEquals(step < 3, layer.mask() == null, "step " + step));
        NmSparseTraining.Statistics stats = nm.drainStatistics();
        assertEquals(7, stats.maskedSteps());
        assertFalse(Double.isNaN(stats.flipRate()));
    }
}
