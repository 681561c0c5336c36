package org.sparsitystudio.app.compare;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Two groups measured on the same seeds (and otherwise the same settings): the mean difference
 * B − A with its 95 % confidence interval, the paired t-test and the Wilcoxon signed-rank test,
 * both two-sided, from Apache Commons Math.
 *
 * @param pairs            number of matched pairs
 * @param meanDifference   mean of b − a
 * @param ciLow            lower end of the 95 % confidence interval of the mean difference
 * @param ciHigh           upper end
 * @param tTestP           two-sided p-value of the paired t-test (NaN with fewer than 2 pairs or
 *                         identical differences)
 * @param wilcoxonP        two-sided p-value of the Wilcoxon signed-rank test (exact up to 30 pairs;
 *                         NaN when every difference is zero or fewer than 2 pairs)
 */
public record PairedComparison(int pairs, double meanDifference, double ciLow, double ciHigh, double tTestP,
        double wilcoxonP) {

    /** Compares paired samples {@code a[i]}, {@code b[i]}. */
    public static PairedComparison of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need the same length, got " + a.length + " and " + b.length);
        }
        int n = a.length;
        if (n == 0) {
            return new PairedComparison(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
            mean += d[i];
        }
        mean /= n;
        if (n < 2) {
            return new PairedComparison(n, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (double x : d) {
            squares += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        double t = sd == 0 ? Double.NaN : new TTest().pairedTTest(a, b);
        boolean allZero = true;
        for (double x : d) {
            allZero &= x == 0;
        }
        double w = allZero ? Double.NaN
                : new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, n <= 30);
        return new PairedComparison(n, mean, mean - half, mean + half, t, w);
    }

    /** One line for the compare view, in the units of the samples. */
    public String describe(String unit) {
        if (pairs == 0) {
            return "No runs pair up: the studies share no seed with the same settings.";
        }
        if (pairs < 2) {
            return String.format(Locale.ROOT, "1 pair: difference %+.3f%s; a test needs at least 2 pairs.",
                    meanDifference, unit);
        }
        return String.format(Locale.ROOT,
                "%d pairs: mean difference %+.3f%s (95%% CI %+.3f to %+.3f); paired t-test p = %s; "
                        + "Wilcoxon signed-rank p = %s",
                pairs, meanDifference, unit, ciLow, ciHigh, p(tTestP), p(wilcoxonP));
    }

    private static String p(double p) {
        return Double.isNaN(p) ? "n/a" : p < 0.001 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.3f", p);
    }
}
