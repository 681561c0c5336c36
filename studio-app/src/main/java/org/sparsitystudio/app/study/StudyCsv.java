package org.sparsitystudio.app.study;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.MetricPoint;
import org.sparsitystudio.persistence.RunRecord;

/**
 * A study as CSV for a paper's tables: one row per run (parameters and results), or one row per
 * metric point. Each file is written under a temporary name and moved into place, so a failed
 * export leaves no half file.
 */
public final class StudyCsv {

    private StudyCsv() {
    }

    /** One row per run: run id, index, name, status, seed, every parameter and every result. */
    public static int results(StoredStudy stored, Path file) throws IOException {
        List<RunRecord> runs = stored.runs();
        Set<String> parameterNames = new LinkedHashSet<>();
        Set<String> resultNames = new LinkedHashSet<>();
        stored.parameters().forEach(p -> parameterNames.addAll(p.keySet()));
        stored.results().forEach(r -> resultNames.addAll(r.keySet()));
        List<String> header = new ArrayList<>(List.of("run", "index", "name", "status", "seed"));
        header.addAll(parameterNames);
        header.addAll(resultNames);
        atomically(file, header, printer -> {
            for (int i = 0; i < runs.size(); i++) {
                RunRecord r = runs.get(i);
                List<Object> row = new ArrayList<>(List.of(r.id(), r.runIndex(), r.name(),
                        r.status().name().toLowerCase(Locale.ROOT), r.seed()));
                for (String p : parameterNames) {
                    row.add(stored.parameters().get(i).getOrDefault(p, ""));
                }
                for (String name : resultNames) {
                    Double v = stored.results().get(i).get(name);
                    row.add(v == null ? "" : Double.toString(v));
                }
                printer.printRecord(row);
            }
        });
        return runs.size();
    }

    /** One row per metric point of every run: run id, index, metric, step, value, wall time (ms). */
    public static int metrics(Database db, StoredStudy stored, Path file) throws IOException {
        int[] rows = {0};
        atomically(file, List.of("run", "index", "metric", "step", "value", "wall_ms"), printer -> {
            for (RunRecord r : stored.runs()) {
                for (String name : db.metrics().names(r.id())) {
                    for (MetricPoint p : db.metrics().series(r.id(), name)) {
                        printer.printRecord(r.id(), r.runIndex(), name, p.step(), Double.toString(p.value()),
                                p.wallTime().toEpochMilli());
                        rows[0]++;
                    }
                }
            }
        });
        return rows[0];
    }

    @FunctionalInterface
    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static void atomically(Path file, List<String> header, Rows rows) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".export-", ".csv");
        try {
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                         .setHeader(header.toArray(String[]::new)).get())) {
                rows.print(printer);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
