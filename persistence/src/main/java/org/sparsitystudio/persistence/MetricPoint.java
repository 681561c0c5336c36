package org.sparsitystudio.persistence;

import java.time.Instant;

/**
 * One stored value of a metric.
 *
 * @param step     the training step (or epoch) it belongs to
 * @param value    the value
 * @param wallTime when it was recorded
 */
public record MetricPoint(long step, double value, Instant wallTime) {
}
