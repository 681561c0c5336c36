package org.sparsitystudio.app.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.Study;

/**
 * A study as export and chart read it from the database: its runs, each run's parameters (as
 * stored, formatted text) and results, with the kind's study-level results (e.g. the gap to dense)
 * added when this build knows the kind.
 */
public record StoredStudy(Study study, List<RunRecord> runs, List<Map<String, String>> parameters,
        List<Map<String, Double>> results) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads study {@code studyId}; a clear error when there is none. */
    public static StoredStudy load(Database db, long studyId) {
        Study study = db.studies().find(studyId).orElseThrow(() -> new IllegalArgumentException(
                "no study " + studyId + " in " + db.url() + " (see 'studies')"));
        List<RunRecord> runs = db.runs().listByStudy(studyId);
        List<Map<String, String>> parameters = new ArrayList<>();
        List<Map<String, Double>> results = new ArrayList<>();
        for (RunRecord r : runs) {
            parameters.add(parse(r));
            results.add(new LinkedHashMap<>(db.runs().results(r.id())));
        }
        StoredStudy stored = new StoredStudy(study, runs, parameters, results);
        ExperimentKinds.load().find(study.kindId()).ifPresent(stored::addStudyResults);
        return stored;
    }

    /** The runs as the charts read them. */
    public List<RunData> runData() {
        List<RunData> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            out.add(new RunData(r.runIndex(), r.name(), r.status(), r.seed(), parameters.get(i), results.get(i)));
        }
        return out;
    }

    /** Reads a run's per-step metric from {@code db}; the source for training-curve charts. */
    public StudyPlot.MetricSource metricSource(Database db) {
        Map<Integer, Long> ids = new java.util.HashMap<>();
        for (RunRecord r : runs) {
            ids.put(r.runIndex(), r.id());
        }
        return (runIndex, name) -> {
            Long id = ids.get(runIndex);
            return id == null ? List.of() : db.metrics().series(id, name);
        };
    }

    private static Map<String, String> parse(RunRecord r) {
        if (r.parametersJson() == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(r.parametersJson(), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + r.id() + " has unreadable parameters in the database", e);
        }
    }

    /**
     * The run at sweep position {@code index} as the executor takes it: every parameter parsed
     * from its stored text (defaults for parameters added since), its seed and its name. This is
     * how a worker on a cluster node runs one run of a stored study.
     */
    public RunSpec spec(ExperimentKind kind, int index) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).runIndex() == index) {
                return spec(kind, i, true);
            }
        }
        throw new IllegalArgumentException("study " + study.id() + " has no run " + index + " (it has "
                + runs.size() + " runs, 0.." + (runs.size() - 1) + ")");
    }

    private RunSpec spec(ExperimentKind kind, int position, boolean unused) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (var p : kind.parameters()) {
            String text = parameters.get(position).get(p.name());
            values.put(p.name(), text == null ? p.defaultValue() : p.parse(text));
        }
        RunRecord r = runs.get(position);
        return new RunSpec(kind.id(), r.runIndex(), values, r.seed(), r.name());
    }

    private void addStudyResults(ExperimentKind kind) {
        List<RunSpec> specs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            specs.add(spec(kind, i, true));
        }
        List<Map<String, Double>> extra = kind.studyResults(specs, results);
        for (int i = 0; i < runs.size(); i++) {
            results.get(i).putAll(extra.get(i));
        }
    }
}
