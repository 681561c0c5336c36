package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PowerLawTest {

    @Test
    void matchesAHandComputedLeastSquaresLine() {
        // ln x = 0, ln 2, 2 ln 2 (mean ln 2); ln y = ln 2, ln 3, ln 5:
        // slope = ln 2 · (ln 5 − ln 2) / (2 ln² 2) = ln 2.5 / (2 ln 2),
        // ln a = (ln 2 + ln 3 + ln 5) / 3 − slope · ln 2 = ln 30 / 3 − ln 2.5 / 2
        PowerLaw fit = PowerLaw.fit(new double[] {1, 2, 4}, new double[] {2, 3, 5}).orElseThrow();
        assertEquals(Math.log(2.5) / (2 * Math.log(2)), fit.k(), 1e-12);
        assertEquals(Math.cbrt(30) / Math.sqrt(2.5), fit.a(), 1e-12);
        assertEquals(3, fit.points());
        assertEquals(1, fit.fromX());
        assertEquals(4, fit.toX());
    }

    @Test
    void recoversAnExactPowerLaw() {
        double[] x = {10, 100, 1000, 10_000, 250};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * Math.pow(x[i], -0.25);
        }
        PowerLaw fit = PowerLaw.fit(x, y).orElseThrow();
        assertEquals(3, fit.a(), 1e-9);
        assertEquals(-0.25, fit.k(), 1e-12);
        assertEquals(3 * Math.pow(50, -0.25), fit.at(50), 1e-12);
    }

    @Test
    void leavesOutPointsWithoutALogarithm() {
        double[] x = {10, 100, 1000, 5, 7, 0, -3, 20, 30};
        double[] y = {3 * Math.pow(10, 0.5), 3 * Math.pow(100, 0.5), 3 * Math.pow(1000, 0.5), 0, -1, 4, 2, Double.NaN,
            Double.POSITIVE_INFINITY};
        PowerLaw fit = PowerLaw.fit(x, y).orElseThrow();
        assertEquals(0.5, fit.k(), 1e-12);
        assertEquals(3, fit.a(), 1e-9);
        assertEquals(3, fit.points(), "y ≤ 0, x ≤ 0 and non-finite values are not fitted");
        assertEquals(10, fit.fromX());
    }

    @Test
    void needsTwoDistinctUsableX() {
        assertTrue(PowerLaw.fit(new double[] {5, 5}, new double[] {1, 2}).isEmpty());
        assertTrue(PowerLaw.fit(new double[] {5, 6}, new double[] {1, 0}).isEmpty());
        assertTrue(PowerLaw.fit(new double[] {}, new double[] {}).isEmpty());
    }

    @Test
    void fitsTheMeansOfASeries() {
        // at x = 10 the seeds give 1 and 3 (mean 2), at x = 1000 they give 0.5 and 1.5 (mean 1):
        // the means halve over two decades, k = log10(0.5) / 2
        List<Series> series = Series.aggregate(List.of(new Observation("s", 10, 1), new Observation("s", 10, 3),
                new Observation("s", 1000, 0.5), new Observation("s", 1000, 1.5)));
        PowerLaw fit = PowerLaw.fit(series.get(0)).orElseThrow();
        assertEquals(Math.log10(0.5) / 2, fit.k(), 1e-12);
        assertEquals(2, fit.points());
    }

    @Test
    void labelGivesPrefactorAndExponentToThreeSignificantDigits() {
        assertEquals("fit: 2.31·x^-0.12", new PowerLaw(2.3149, -0.120_03, 3, 1, 10).label());
        assertEquals("fit: 3·x^-0.25", new PowerLaw(3.000_000_001, -0.25, 3, 1, 10).label());
        assertEquals("1.23e5", PowerLaw.format(123_456));
        assertEquals("1.23e-4", PowerLaw.format(0.000_123_4));
        assertEquals("-0.2", PowerLaw.format(-0.2));
    }

    @Test
    void theDrawnLineSpansTheFittedXOnly() {
        PowerLaw fit = new PowerLaw(2, -0.5, 2, 100, 10_000);
        double[][] line = fit.line();
        assertEquals(PowerLaw.LINE_POINTS, line.length);
        assertEquals(100, line[0][0], 1e-9);
        assertEquals(10_000, line[line.length - 1][0]);
        assertEquals(0.02, line[line.length - 1][1], 1e-12);
    }
}
