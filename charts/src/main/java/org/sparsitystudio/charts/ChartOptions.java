package org.sparsitystudio.charts;

/**
 * What a chart shows, as plain data.
 *
 * @param title  chart title
 * @param xLabel x-axis name with unit, e.g. "Sparsity (%)"
 * @param yLabel y-axis name with unit, e.g. "Test accuracy (%)"
 * @param logX   logarithmic x axis
 * @param band   shade each series' min–max band across seeds
 */
public record ChartOptions(String title, String xLabel, String yLabel, boolean logX, boolean band) {
}
