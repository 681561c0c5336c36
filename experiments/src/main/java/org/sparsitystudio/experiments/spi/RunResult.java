package org.sparsitystudio.experiments.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished run hands back: its results by name (each one a {@linkplain MetricSpec.Kind#RESULT
 * result metric} of its kind). The executor stores these exactly like values reported through
 * {@link RunContext#result}; returning them is simply the natural way for a run that computes
 * its results at the end.
 *
 * @param results result values by metric name, in the order they were added
 */
public record RunResult(Map<String, Double> results) {

    private static final RunResult EMPTY = new RunResult(Map.of());

    /** Copies the map, keeping its order. */
    public RunResult {
        Objects.requireNonNull(results, "results");
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** No results beyond those already reported through the context. */
    public static RunResult empty() {
        return EMPTY;
    }

    /** A result with one more value. */
    public RunResult with(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(results);
        m.put(Objects.requireNonNull(name, "name"), value);
        return new RunResult(m);
    }
}
