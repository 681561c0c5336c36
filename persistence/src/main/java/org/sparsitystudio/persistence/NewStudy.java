package org.sparsitystudio.persistence;

import java.util.List;
import java.util.Objects;

/**
 * A study to create: a saved design and the runs of its sweep.
 *
 * @param name       the study's name
 * @param kindId     the experiment kind's stable id, e.g. {@code random-pruning-scaling}
 * @param designJson the design as a JSON document
 * @param tags       labels (no commas)
 * @param notes      free text, may be {@code null}
 * @param runs       the runs to queue, in sweep order
 */
public record NewStudy(String name, String kindId, String designJson, List<String> tags, String notes,
                       List<NewRun> runs) {

    /** Validates and copies the fields. */
    public NewStudy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kindId, "kindId");
        Objects.requireNonNull(designJson, "designJson");
        tags = List.copyOf(tags);
        runs = List.copyOf(runs);
    }
}
