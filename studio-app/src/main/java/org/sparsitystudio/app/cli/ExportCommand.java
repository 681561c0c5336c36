package org.sparsitystudio.app.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "STUDY") private long studyId;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    private Path csv;

    @Override
    public Integer call() throws IOException {
        try (Database db = database.open()) {
            StoredStudy stored = StoredStudy.load(db, studyId);
            List<RunRecord> runs = stored.runs();
            List<Map<String, String>> parameters = stored.parameters();
            List<Map<String, Double>> results = stored.results();
            Set<String> parameterNames = new LinkedHashSet<>();
            Set<String> resultNames = new LinkedHashSet<>();
            parameters.forEach(p -> parameterNames.addAll(p.keySet()));
            results.forEach(r -> resultNames.addAll(r.keySet()));
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
