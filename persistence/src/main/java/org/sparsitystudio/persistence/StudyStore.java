package org.sparsitystudio.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunSpec;

/**
 * Turns a design into a stored study: expands its sweep and stores the study with every run
 * queued, in one transaction, each run with its parameters as declared (formatted, locale-free).
 * Used alike by the command line and the desktop studio.
 */
public final class StudyStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored study, its runs to execute, and each run's database id by index. */
    public record Stored(Study study, ExperimentKind kind, List<RunSpec> runs, Map<Integer, Long> runIds) {
    }

    private StudyStore() {
    }

    /** Validates, expands and stores {@code design}. */
    public static Stored store(Database database, ExperimentKinds kinds, Design design) {
        ExperimentKind kind = kinds.get(design.kind());
        List<RunSpec> runs = Sweeps.expand(design, kind);
        List<NewRun> newRuns = new ArrayList<>();
        for (RunSpec run : runs) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (ParameterSpec p : kind.parameters()) {
                parameters.put(p.name(), p.format(run.value(p.name())));
            }
            try {
                newRuns.add(new NewRun(run.index(), run.displayName(), run.seed(), JSON.writeValueAsString(parameters)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("parameters of run " + run.index() + " cannot be written", e);
            }
        }
        String name = design.name() == null || design.name().isBlank() ? kind.title() : design.name();
        CreatedStudy created = database.studies().create(new NewStudy(name, kind.id(), new DesignJson(kinds).write(design),
                List.of(), design.notes(), newRuns));
        Map<Integer, Long> ids = new HashMap<>();
        for (RunRecord r : created.runs()) {
            ids.put(r.runIndex(), r.id());
        }
        return new Stored(created.study(), kind, runs, ids);
    }
}
