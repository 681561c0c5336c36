package org.sparsitystudio.experiments.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A chart that suits an experiment kind, as plain data: the kind says <em>what</em> to plot, the
 * charts module decides <em>how</em>. Holding no chart library type keeps the SPI headless.
 *
 * @param title the chart's title
 * @param x what the x axis shows: {@link #STEP} for a training curve, a parameter name for a
 *        sweep summary (final accuracy against sparsity), or a result metric's name
 * @param y the metric (per-step or result) plotted upwards
 * @param groupBy a parameter whose values become separate series, or {@code null} for one series
 * @param logX whether the x axis is logarithmic (widths, FLOPs)
 * @param bandAcrossSeeds whether runs differing only in seed are drawn as a mean with a band
 *        rather than as separate lines
 */
public record ChartSpec(String title, String x, String y, String groupBy, boolean logX, boolean bandAcrossSeeds) {

    /** The x of a training curve: the step at which a per-step metric was reported. */
    public static final String STEP = "step";

    /** Checks the required fields. */
    public ChartSpec {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
    }

    /** The group-by parameter, if the chart has one series per value. */
    public Optional<String> groupByParameter() {
        return Optional.ofNullable(groupBy);
    }
}
