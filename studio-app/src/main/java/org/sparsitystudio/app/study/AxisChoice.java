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
 * @param logY            logarithmic y axis (points at y ≤ 0 are left out)
 * @param powerLawFit     a power law fitted through each series' means and drawn dashed with it
 */
public record AxisChoice(boolean logX, boolean density, ChartOptions.Band band, boolean relativeToDense, boolean logY,
        boolean powerLawFit) {

    /** Linear y and no fit: the choices that existed before log y and fits. */
    public AxisChoice(boolean logX, boolean density, ChartOptions.Band band, boolean relativeToDense) {
        this(logX, density, band, relativeToDense, false, false);
    }

    /** What the kind suggests for {@code chart}. */
    public static AxisChoice suggested(ChartSpec chart) {
        return new AxisChoice(chart.logX(), false, chart.bandAcrossSeeds() ? ChartOptions.Band.MIN_MAX
                : ChartOptions.Band.NONE, false, chart.logY(), chart.fit() == ChartSpec.Fit.POWER_LAW);
    }
}
