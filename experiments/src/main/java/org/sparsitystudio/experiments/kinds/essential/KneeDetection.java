package org.sparsitystudio.experiments.kinds.essential;

import java.util.ArrayList;
import java.util.List;

/**
 * The knee of an accuracy-versus-sparsity curve, by two definitions that answer different
 * questions: the <em>tolerance knee</em> ("how sparse before we lose more than τ?") depends on a
 * chosen budget, while <em>Kneedle</em> (Satopää et al., 2011) finds the point of greatest
 * curvature without one. Both are exact, deterministic functions of the curve so that knees
 * reported by different experiments are comparable.
 *
 * <p>A curve is a grid of sparsities {@code s}, strictly increasing, with one finite accuracy per
 * grid point, at least two points. Inputs that break this are rejected with an
 * {@link IllegalArgumentException} rather than given a knee that would mean nothing.
 */
public final class KneeDetection {

    /**
     * Scores within this of the best count as ties, so that curves whose scores are mathematically
     * equal (a straight line) do not get a knee chosen by rounding.
     */
    private static final double TIE = 1e-12;

    private KneeDetection() {
    }

    /** A way of finding the knee of one curve, so that summaries work with either definition. */
    @FunctionalInterface
    public interface Method {

        /**
         * @param sparsity the grid, strictly increasing
         * @param accuracy the accuracy at each grid point
         * @return the knee, one of the grid values
         */
        double knee(double[] sparsity, double[] accuracy);
    }

    /**
     * Knees of several seeds' curves on one grid.
     *
     * @param knees          the knee of each seed's curve, in input order
     * @param mean           mean of {@code knees}
     * @param std            sample standard deviation (n − 1) of {@code knees}; NaN for one seed,
     *                       whose spread is unknown rather than zero
     * @param min            smallest knee
     * @param max            largest knee
     * @param kneeOfMeanCurve knee of the pointwise mean accuracy curve, which is generally not the
     *                       mean of the knees: averaging smooths seed noise before the knee is taken
     */
    public record Summary(List<Double> knees, double mean, double std, double min, double max, double kneeOfMeanCurve) {
    }

    /**
     * The tolerance knee s*<sub>τ</sub>: the largest grid sparsity s<sub>i</sub> such that every
     * s<sub>j</sub> ≤ s<sub>i</sub> keeps acc(s<sub>j</sub>) ≥ acc(0) − τ. The first dip below the
     * budget ends the search, even if accuracy later recovers: a knee past a failure would promise
     * sparsities that are not safe to reach.
     *
     * <p>A drop of exactly τ counts as within tolerance (the comparison allows 1e-12 of rounding).
     *
     * @param sparsity  the grid, strictly increasing and starting at 0 (the dense reference)
     * @param accuracy  the accuracy at each grid point
     * @param tolerance τ ≥ 0 in the units of {@code accuracy}: 0.01 is one percentage point when
     *                  accuracy is a fraction in [0, 1], 1.0 when it is a percentage
     * @return the knee; 0 when the first non-dense point already drops by more than τ
     */
    public static double toleranceKnee(double[] sparsity, double[] accuracy, double tolerance) {
        check(sparsity, accuracy);
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and non-negative, got " + tolerance);
        }
        if (sparsity[0] != 0) {
            throw new IllegalArgumentException("the grid must start at sparsity 0 (the dense reference), got "
                    + sparsity[0]);
        }
        double floor = accuracy[0] - tolerance - TIE * Math.max(1, Math.abs(accuracy[0]));
        int knee = 0;
        while (knee + 1 < sparsity.length && accuracy[knee + 1] >= floor) {
            knee++;
        }
        return sparsity[knee];
    }

    /** {@link #toleranceKnee} with a fixed τ, as a {@link Method}. */
    public static Method tolerance(double tolerance) {
        return (s, acc) -> toleranceKnee(s, acc, tolerance);
    }

    /**
     * The Kneedle knee: with x̂ = (s − s<sub>min</sub>)/(s<sub>max</sub> − s<sub>min</sub>) and
     * ŷ = (acc − acc<sub>min</sub>)/(acc<sub>max</sub> − acc<sub>min</sub>), the grid point that
     * maximises ŷ + x̂ − 1. For a decreasing curve this is the point farthest above the diagonal from
     * (0, 1) to (1, 0), where the curve bends from flat to falling. Ties (within 1e-12) go to the
     * smallest sparsity, the conservative choice.
     *
     * @throws IllegalArgumentException also when accuracy is constant: without a drop there is no
     *                                  bend, and normalising would divide by zero
     */
    public static double kneedle(double[] sparsity, double[] accuracy) {
        check(sparsity, accuracy);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double a : accuracy) {
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        if (max == min) {
            throw new IllegalArgumentException("accuracy is constant (" + max + "): Kneedle has no knee");
        }
        int n = sparsity.length;
        double span = sparsity[n - 1] - sparsity[0];
        double[] score = new double[n];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            score[i] = (accuracy[i] - min) / (max - min) + (sparsity[i] - sparsity[0]) / span - 1;
            best = Math.max(best, score[i]);
        }
        int knee = 0;
        while (score[knee] < best - TIE) {
            knee++;
        }
        return sparsity[knee];
    }

    /** {@link #kneedle} as a {@link Method}. */
    public static Method kneedle() {
        return KneeDetection::kneedle;
    }

    /**
     * Knees of every seed's curve and of the mean curve.
     *
     * @param sparsity the grid shared by all seeds
     * @param curves   one accuracy curve per seed, each as long as the grid
     * @param method   how to find each knee
     */
    public static Summary summarise(double[] sparsity, List<double[]> curves, Method method) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves to summarise");
        }
        double[] meanCurve = new double[sparsity.length];
        List<Double> knees = new ArrayList<>(curves.size());
        for (int c = 0; c < curves.size(); c++) {
            double[] curve = curves.get(c);
            if (curve.length != sparsity.length) {
                throw new IllegalArgumentException("curve " + c + " has " + curve.length + " points, the grid "
                        + sparsity.length);
            }
            knees.add(method.knee(sparsity, curve));
            for (int i = 0; i < curve.length; i++) {
                meanCurve[i] += curve[i] / curves.size();
            }
        }
        double mean = knees.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = knees.stream().mapToDouble(k -> (k - mean) * (k - mean)).sum();
        double std = knees.size() > 1 ? Math.sqrt(squares / (knees.size() - 1)) : Double.NaN;
        double min = knees.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = knees.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return new Summary(List.copyOf(knees), mean, std, min, max, method.knee(sparsity, meanCurve));
    }

    private static void check(double[] sparsity, double[] accuracy) {
        if (sparsity.length != accuracy.length) {
            throw new IllegalArgumentException(sparsity.length + " sparsities but " + accuracy.length + " accuracies");
        }
        if (sparsity.length < 2) {
            throw new IllegalArgumentException("a knee needs at least 2 points, got " + sparsity.length);
        }
        for (int i = 0; i < sparsity.length; i++) {
            if (!Double.isFinite(sparsity[i]) || !Double.isFinite(accuracy[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: sparsity " + sparsity[i]
                        + ", accuracy " + accuracy[i]);
            }
            if (i > 0 && !(sparsity[i] > sparsity[i - 1])) {
                throw new IllegalArgumentException("the grid must be strictly increasing, but sparsity " + sparsity[i]
                        + " follows " + sparsity[i - 1]);
            }
        }
    }
}
