package org.sparsitystudio.charts;

/**
 * One run's contribution to a chart: its series (the values of the grouping parameters), its x
 * and its y. Runs that differ only in seed share series and x and become one point with a band.
 */
public record Observation(String series, double x, double y) {
}
