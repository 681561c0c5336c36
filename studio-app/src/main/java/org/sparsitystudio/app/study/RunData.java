package org.sparsitystudio.app.study;

import java.util.Map;
import org.sparsitystudio.experiments.run.RunStatus;

/**
 * One run as a chart reads it, whether it comes from the database or from a study running now.
 *
 * @param index      position in the study's sweep
 * @param name       short label
 * @param status     where it is in its life
 * @param seed       its seed
 * @param parameters every parameter as formatted text (the stored form)
 * @param results    result values reported so far
 */
public record RunData(int index, String name, RunStatus status, long seed, Map<String, String> parameters,
        Map<String, Double> results) {

    public RunData {
        parameters = Map.copyOf(parameters);
        results = Map.copyOf(results);
    }
}
