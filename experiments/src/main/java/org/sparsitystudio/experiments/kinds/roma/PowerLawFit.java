package org.sparsitystudio.experiments.kinds.roma;

import java.util.Objects;

/**
 * A power law {@code y = prefactor · x^exponent} fitted by ordinary least squares on
 * {@code (log x, log y)}, the usual way scaling laws are read off a log-log chart: the exponent is
 * the slope of the line there. Least squares in log space weights every point by its relative,
 * not absolute, error, which is what makes points spanning decades comparable.
 *
 * @param prefactor {@code a}, the value at x = 1
 * @param exponent  {@code b}, negative when y falls as x grows
 * @param rSquared  the share of log-y variance the line explains (1 for an exact power law; NaN
 *                  when all y are equal, where there is no variance to explain)
 * @param points    how many points were fitted
 */
public record PowerLawFit(double prefactor, double exponent, double rSquared, int points) {

    /**
     * Fits {@code y = a · x^b}.
     *
     * @throws IllegalArgumentException unless x and y have the same length, every value is
     *         positive and finite, and x takes at least two distinct values
     */
    public static PowerLawFit fit(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        int n = x.length;
        double[] lx = new double[n];
        double[] ly = new double[n];
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i]))) {
                throw new IllegalArgumentException("a power law needs positive finite values, got (" + x[i] + ", "
                        + y[i] + ")");
            }
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
            mx += lx[i];
            my += ly[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
            syy += (ly[i] - my) * (ly[i] - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a power law needs at least two distinct x values");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double r = ly[i] - (intercept + slope * lx[i]);
            residual += r * r;
        }
        double r2 = syy > 0 ? 1 - residual / syy : Double.NaN;
        return new PowerLawFit(Math.exp(intercept), slope, r2, n);
    }

    /** The fitted value at {@code x}. */
    public double predict(double x) {
        return prefactor * Math.pow(x, exponent);
    }
}
