package org.sparsitystudio.app.study;

import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.experiments.spi.ChartSpec;

/**
 * How the user chose to look at a chart.
 *
 * @param logX            logarithmic x axis (points at x ≤ 0, such as the dense run, are left out)
 * @param density         plot density (1 − sparsity) instead of sparsity
 * @param band            the spread shaded across seeds
 * @param relativeToDense y as a percentage of the dense run with the same seed and other parameters
 */
public record AxisChoice(boolean logX, boolean density, ChartOptions.Band band, boolean relativeToDense) {

    /** What the kind suggests for {@code chart}. */
    public static AxisChoice suggested(ChartSpec chart) {
        return new AxisChoice(chart.logX(), false, chart.bandAcrossSeeds() ? ChartOptions.Band.MIN_MAX
                : ChartOptions.Band.NONE, false);
    }
}
