package org.sparsitystudio.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The paired tests against published values. */
class PairedComparisonTest {

    @Test
    void studentsSleepDataGiveTheTextbookTTest() {
        // Cushny & Peebles via Student (1908): R's t.test(paired = TRUE) gives t = 4.0621, df = 9,
        // p = 0.002833, mean difference 1.58 with 95 % CI 0.7001142 to 2.4598858
        double[] drug1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] drug2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        PairedComparison c = PairedComparison.of(drug1, drug2);
        assertEquals(10, c.pairs());
        assertEquals(1.58, c.meanDifference(), 1e-12);
        assertEquals(0.7001142, c.ciLow(), 1e-6);
        assertEquals(2.4598858, c.ciHigh(), 1e-6);
        assertEquals(0.002833, c.tTestP(), 1e-6);
        assertTrue(c.wilcoxonP() > 0 && c.wilcoxonP() < 0.05, "Wilcoxon agrees: " + c.wilcoxonP());
        assertTrue(c.describe(" h").contains("10 pairs: mean difference +1.580 h"), c.describe(" h"));
    }

    @Test
    void fivePositiveDifferencesGiveTheExactWilcoxonTail() {
        // all five signs positive: P(W+ = 15) = 1/32, two-sided 2/32
        PairedComparison c = PairedComparison.of(new double[] {1, 2, 3, 4, 5}, new double[] {1.5, 3.1, 3.2, 4.9, 5.4});
        assertEquals(0.0625, c.wilcoxonP(), 1e-12);
    }

    @Test
    void tooFewOrIdenticalPairsSayWhy() {
        assertTrue(PairedComparison.of(new double[0], new double[0]).describe("").startsWith("No runs pair up"));
        assertTrue(PairedComparison.of(new double[] {1}, new double[] {2}).describe("").contains("at least 2 pairs"));
        PairedComparison same = PairedComparison.of(new double[] {1, 2}, new double[] {1, 2});
        assertTrue(Double.isNaN(same.tTestP()) && Double.isNaN(same.wilcoxonP()));
        assertTrue(same.describe("").contains("p = n/a"), same.describe(""));
    }
}
