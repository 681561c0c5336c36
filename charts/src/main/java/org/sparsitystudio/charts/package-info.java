/**
 * Charts of studies: points aggregated across seeds into series with bands, drawn with JFreeChart
 * in the studio's palette, and exported as PNG (paper sizes at 300 DPI), SVG and the CSV of exactly
 * the plotted numbers. Knows neither JDBC nor tensors: it is handed plain numbers.
 */
package org.sparsitystudio.charts;
