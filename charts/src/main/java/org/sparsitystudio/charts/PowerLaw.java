package org.sparsitystudio.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * A power law {@code y = a · x^k} fitted to a series by ordinary least squares on
 * {@code (log x, log y)}: the straight line a log-log chart shows, so the fit drawn is the line a
 * reader would lay through the points. Least squares in log space weighs every point by its
 * relative error, which is what lets points spanning decades count alike.
 *
 * <p>Only points with x &gt; 0 and y &gt; 0 have a logarithm; the others are left out rather than
 * failing the fit, because a study may hold a dense run at x = 0 or a run whose loss is exactly 0.
 *
 * @param a      the prefactor, the fitted value at x = 1
 * @param k      the exponent, the slope on the log-log chart
 * @param points how many points the fit used
 * @param fromX  the smallest x fitted, where the drawn line starts
 * @param toX    the largest x fitted, where the drawn line ends
 */
public record PowerLaw(double a, double k, int points, double fromX, double toX) {

    /** Points on a drawn fit line: enough for a power law to look smooth on a linear axis too. */
    static final int LINE_POINTS = 64;

    /**
     * Fits the series' means: where runs of several seeds share an x they weigh as one point, as
     * the line through the drawn means should.
     *
     * @return empty when fewer than two distinct positive x values have a positive mean
     */
    public static Optional<PowerLaw> fit(Series series) {
        List<SeriesPoint> points = series.points();
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).x();
            y[i] = points.get(i).mean();
        }
        return fit(x, y);
    }

    /**
     * Fits {@code y = a · x^k} over the pairs with x &gt; 0 and y &gt; 0, both finite.
     *
     * @return empty when fewer than two distinct x values remain
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Optional<PowerLaw> fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], y[i])) {
                n++;
                sx += Math.log(x[i]);
                sy += Math.log(y[i]);
                from = Math.min(from, x[i]);
                to = Math.max(to, x[i]);
            }
        }
        if (n < 2 || !(to > from)) {
            return Optional.empty();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], y[i])) {
                double dx = Math.log(x[i]) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.log(y[i]) - my);
            }
        }
        double slope = sxy / sxx;
        return Optional.of(new PowerLaw(Math.exp(my - slope * mx), slope, n, from, to));
    }

    private static boolean usable(double x, double y) {
        return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
    }

    /** The fitted value at {@code x}. */
    public double at(double x) {
        return a * Math.pow(x, k);
    }

    /**
     * Points of the fitted curve from the smallest to the largest x fitted, evenly spaced in
     * log x: the fit is drawn only where there are data, since extrapolating a scaling law is a
     * claim the chart should not make for the reader.
     */
    public double[][] line() {
        double[][] out = new double[LINE_POINTS][];
        double logFrom = Math.log(fromX);
        double step = (Math.log(toX) - logFrom) / (LINE_POINTS - 1);
        for (int i = 0; i < LINE_POINTS; i++) {
            double xi = i == LINE_POINTS - 1 ? toX : Math.exp(logFrom + i * step);
            out[i] = new double[] {xi, at(xi)};
        }
        return out;
    }

    /** The fit as a legend shows it: {@code "fit: 2.31·x^-0.12"}, three significant digits each. */
    public String label() {
        return "fit: " + format(a) + "·x^" + format(k);
    }

    /** Three significant digits, no trailing zeros, powers of ten for very large or small numbers. */
    static String format(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }
}
