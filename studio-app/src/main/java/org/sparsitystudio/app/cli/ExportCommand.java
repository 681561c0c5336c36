package org.sparsitystudio.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsitystudio.app.study.StoredStudy;
import org.sparsitystudio.app.study.StudyCsv;
import org.sparsitystudio.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;


/**
 * Writes a study as CSV, one row per run (id, index, name, status, seed, every parameter and every
 * result), and optionally its metric points.
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

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "Also write every per-step metric point (run, index, metric, step, value, wall_ms).")
    private Path metrics;

    @Override
    public Integer call() throws IOException {
        try (Database db = database.open()) {
            StoredStudy stored = StoredStudy.load(db, studyId);
            int runs = StudyCsv.results(stored, csv);
            spec.commandLine().getOut().println("wrote " + runs + " runs to " + csv.toAbsolutePath());
            if (metrics != null) {
                int points = StudyCsv.metrics(db, stored, metrics);
                spec.commandLine().getOut().println("wrote " + points + " metric points to " + metrics.toAbsolutePath());
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
