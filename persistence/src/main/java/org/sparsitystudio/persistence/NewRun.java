package org.sparsitystudio.persistence;

import java.util.Objects;

/**
 * A run to create, queued, as part of a new study.
 *
 * @param runIndex       the run's position in the design's sweep, unique within its study
 * @param name           a short label, e.g. {@code sparsity=0.9 seed=2}
 * @param seed           the random seed
 * @param parametersJson the run's concrete parameter values as a JSON document
 */
public record NewRun(int runIndex, String name, long seed, String parametersJson) {

    /** Validates the fields. */
    public NewRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parametersJson, "parametersJson");
    }
}
