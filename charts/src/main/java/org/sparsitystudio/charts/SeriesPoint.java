package org.sparsitystudio.charts;

/**
 * A plotted point: the mean over the observations at one x of one series, their minimum and
 * maximum (the band), their standard deviation and how many there were.
 */
public record SeriesPoint(double x, double mean, double min, double max, double std, int n) {
}
