package org.sparsitystudio.experiments.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chart that suits an experiment kind, as plain data: the kind says <em>what</em> to plot, the
 * charts module decides <em>how</em>. Holding no chart library type keeps the SPI headless.
 *
 * <p>Three shapes of chart exist. A <em>training curve</em> plots a per-step metric against
 * {@link #STEP}. A <em>sweep summary</em> plots a result against a parameter (or another result),
 * one point per run. A <em>metric-versus-metric</em> chart ({@link #metricVsMetric}) pairs two
 * per-step metrics of the same run by step, one curve per run: a run that sweeps a quantity
 * internally (accuracy at each of a grid of sparsities) reports the swept value and the outcome as
 * two per-step metrics with the same steps, because a parameter can hold only one value per run.
 *
 * <p>A scaling study asks for log-log axes and a power law per series ({@link #withPowerLawFit()}):
 * the kind says a fit belongs to the chart, the charts module computes and draws it from the
 * plotted means, so every view of the chart (studio, command line, export) shows the same fit.
 *
 * @param title the chart's title
 * @param x what the x axis shows: {@link #STEP} for a training curve, a parameter name for a
 *        sweep summary (final accuracy against sparsity), or a metric's name; for a
 *        metric-versus-metric chart, the same name as {@code xMetric}
 * @param y the metric (per-step or result) plotted upwards
 * @param groupBy a parameter whose values become separate series, or {@code null} for one series
 * @param logX whether the x axis is logarithmic (widths, FLOPs)
 * @param bandAcrossSeeds whether runs differing only in seed are drawn as a mean with a band
 *        rather than as separate lines
 * @param xMetric for a metric-versus-metric chart, the per-step metric whose value at each step is
 *        the x of {@code y}'s value at that step; {@code null} for the other charts
 * @param logY whether the y axis is logarithmic (losses of a scaling study)
 * @param fit the curve fitted through each series and drawn with it
 * @param xFrom for a sweep summary whose x is a result rather than a parameter (a model's parameter
 *        count), the parameters that set that result (width, depth): runs that differ in them
 *        move along x on one series instead of each starting a series of its own; empty otherwise
 */
public record ChartSpec(String title, String x, String y, String groupBy, boolean logX, boolean bandAcrossSeeds,
        String xMetric, boolean logY, Fit fit, List<String> xFrom) {

    /** The x of a training curve: the step at which a per-step metric was reported. */
    public static final String STEP = "step";

    /** A curve fitted through each series of a chart, as the charts module draws it. */
    public enum Fit {
        /** No fit. */
        NONE,
        /**
         * {@code y = a · x^k} by least squares on {@code (log x, log y)}, through each series'
         * means (runs of several seeds at one x count once), over the points with x &gt; 0 and
         * y &gt; 0: the straight line of a log-log chart, labelled with a and k.
         */
        POWER_LAW
    }

    /** Checks the required fields, and that a metric-versus-metric chart names its x metric as x. */
    public ChartSpec {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(fit, "fit");
        xFrom = xFrom == null ? List.of() : List.copyOf(xFrom);
        if (xMetric != null && !xMetric.equals(x)) {
            throw new IllegalArgumentException("chart \"" + title + "\": x is \"" + x + "\" but xMetric is \"" + xMetric
                    + "\"; a metric-versus-metric chart plots its x metric on x");
        }
    }

    /** Any chart with a linear y axis and no fit: the form every chart had before log y and fits. */
    public ChartSpec(String title, String x, String y, String groupBy, boolean logX, boolean bandAcrossSeeds,
            String xMetric) {
        this(title, x, y, groupBy, logX, bandAcrossSeeds, xMetric, false, Fit.NONE, List.of());
    }

    /** A training curve or sweep summary: the form every chart had before metric-versus-metric charts. */
    public ChartSpec(String title, String x, String y, String groupBy, boolean logX, boolean bandAcrossSeeds) {
        this(title, x, y, groupBy, logX, bandAcrossSeeds, null);
    }

    /** This chart with a logarithmic (or linear) y axis. */
    public ChartSpec withLogY(boolean logarithmic) {
        return new ChartSpec(title, x, y, groupBy, logX, bandAcrossSeeds, xMetric, logarithmic, fit, xFrom);
    }

    /** This chart with {@code curve} fitted through each series. */
    public ChartSpec withFit(Fit curve) {
        return new ChartSpec(title, x, y, groupBy, logX, bandAcrossSeeds, xMetric, logY, curve, xFrom);
    }

    /**
     * This chart with a power law fitted through each series, on log-log axes where a power law is
     * a straight line: how scaling laws are read.
     */
    public ChartSpec withPowerLawFit() {
        return new ChartSpec(title, x, y, groupBy, true, bandAcrossSeeds, xMetric, true, Fit.POWER_LAW, xFrom);
    }

    /** This chart with x set by {@code parameters} (see {@link #xFrom()}). */
    public ChartSpec withXFrom(String... parameters) {
        return new ChartSpec(title, x, y, groupBy, logX, bandAcrossSeeds, xMetric, logY, fit, List.of(parameters));
    }

    /**
     * A chart of one per-step metric against another of the same run, paired by step: for every
     * step at which the run reported both, one point ({@code xMetric}, {@code yMetric}).
     *
     * @param groupBy a parameter whose values become separate series, or {@code null}
     * @param bandAcrossSeeds whether runs differing only in seed become a mean with a band; the
     *        runs' x values at each step should then agree (a shared grid)
     */
    public static ChartSpec metricVsMetric(String title, String xMetric, String yMetric, String groupBy, boolean logX,
            boolean bandAcrossSeeds) {
        Objects.requireNonNull(xMetric, "xMetric");
        return new ChartSpec(title, xMetric, yMetric, groupBy, logX, bandAcrossSeeds, xMetric);
    }

    /** The group-by parameter, if the chart has one series per value. */
    public Optional<String> groupByParameter() {
        return Optional.ofNullable(groupBy);
    }

    /** The per-step metric on x when this chart pairs two per-step metrics by step. */
    public Optional<String> xMetricName() {
        return Optional.ofNullable(xMetric);
    }

    /** Whether this chart pairs two per-step metrics by step rather than plotting against step or a parameter. */
    public boolean pairsMetricsByStep() {
        return xMetric != null;
    }
}
