package org.sparsitystudio.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes a study as CSV, one row per run: id, index, name, status, seed, every parameter and every
 * result. Written to a temporary file and moved into place, so a failed export leaves no half file.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a study's runs as CSV.")
final class ExportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "STUDY") private long studyId;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    private Path csv;

    /** Adds the kind's study-level results (e.g. the gap to dense) computed from the stored runs. */
    private static void addStudyResults(Database db, long studyId, List<RunRecord> runs,
            List<Map<String, String>> parameters, List<Map<String, Double>> results, Set<String> resultNames) {
        String kindId = db.studies().find(studyId).orElseThrow().kindId();
        var kind = org.sparsitystudio.experiments.spi.ExperimentKinds.load().find(kindId);
        if (kind.isEmpty()) {
            return; // a kind this build does not know: export what is stored
        }
        List<org.sparsitystudio.experiments.spi.RunSpec> specs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (var p : kind.get().parameters()) {
                String text = parameters.get(i).get(p.name());
                values.put(p.name(), text == null ? p.defaultValue() : p.parse(text));
            }
            specs.add(new org.sparsitystudio.experiments.spi.RunSpec(kindId, runs.get(i).runIndex(), values,
                    runs.get(i).seed(), runs.get(i).name()));
        }
        List<Map<String, Double>> extra = kind.get().studyResults(specs, results);
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Double> merged = new LinkedHashMap<>(results.get(i));
            merged.putAll(extra.get(i));
            results.set(i, merged);
            resultNames.addAll(extra.get(i).keySet());
        }
    }

    @Override
    public Integer call() throws IOException {
        try (Database db = database.open()) {
            db.studies().find(studyId).orElseThrow(() -> new IllegalArgumentException("no study " + studyId
                    + " in " + db.url() + " (see 'studies')"));
            List<RunRecord> runs = db.runs().listByStudy(studyId);
            List<Map<String, String>> parameters = new ArrayList<>();
            List<Map<String, Double>> results = new ArrayList<>();
            Set<String> parameterNames = new LinkedHashSet<>();
            Set<String> resultNames = new LinkedHashSet<>();
            for (RunRecord r : runs) {
                Map<String, String> p = r.parametersJson() == null ? Map.of()
                        : JSON.readValue(r.parametersJson(), new TypeReference<LinkedHashMap<String, String>>() { });
                parameters.add(p);
                parameterNames.addAll(p.keySet());
                Map<String, Double> res = db.runs().results(r.id());
                results.add(res);
                resultNames.addAll(res.keySet());
            }
            addStudyResults(db, studyId, runs, parameters, results, resultNames);
            List<String> header = new ArrayList<>(List.of("run", "index", "name", "status", "seed"));
            header.addAll(parameterNames);
            header.addAll(resultNames);
            Path target = csv.toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), ".export-", ".csv");
            try {
                try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                     CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                             .setHeader(header.toArray(String[]::new)).get())) {
                    for (int i = 0; i < runs.size(); i++) {
                        RunRecord r = runs.get(i);
                        List<Object> row = new ArrayList<>(List.of(r.id(), r.runIndex(), r.name(),
                                r.status().name().toLowerCase(java.util.Locale.ROOT), r.seed()));
                        for (String p : parameterNames) {
                            row.add(parameters.get(i).getOrDefault(p, ""));
                        }
                        for (String name : resultNames) {
                            Double v = results.get(i).get(name);
                            row.add(v == null ? "" : Double.toString(v));
                        }
                        printer.printRecord(row);
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            spec.commandLine().getOut().println("wrote " + runs.size() + " runs to " + target);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
