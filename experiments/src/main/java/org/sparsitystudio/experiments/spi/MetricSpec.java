package org.sparsitystudio.experiments.spi;

import java.util.Objects;

/**
 * A metric or result an experiment kind produces, declared up front so that storage, charts and
 * export know it before the first run reports it.
 *
 * @param name stable id (lowerCamel), the name passed to {@link RunContext#metric} or
 *        {@link RunContext#result}
 * @param unit unit shown on axes, e.g. {@code "%"} or {@code "FLOPs"}; empty when none
 * @param kind whether it is reported at each step (a training curve) or once per run (a result)
 */
public record MetricSpec(String name, String unit, Kind kind) {

    /** When a metric is reported. */
    public enum Kind {
        /** Many values per run, one per step: training curves. */
        PER_STEP,
        /** One value per run: what a sweep summary plots against a parameter. */
        RESULT
    }

    /** Checks that the name is a lowerCamel id. */
    public MetricSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("metric name \"" + name + "\" is not lowerCamel ([a-z][A-Za-z0-9]*)");
        }
    }

    /** A metric reported at each step. */
    public static MetricSpec perStep(String name, String unit) {
        return new MetricSpec(name, unit, Kind.PER_STEP);
    }

    /** A result reported once per run. */
    public static MetricSpec result(String name, String unit) {
        return new MetricSpec(name, unit, Kind.RESULT);
    }
}
