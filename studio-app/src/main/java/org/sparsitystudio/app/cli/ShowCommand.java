package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows one run: status, times, results and its full provenance. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run's results and provenance.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, as listed by 'runs'.")
    private long runId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            RunRecord r = db.runs().find(runId).orElseThrow(() -> new IllegalArgumentException(
                    "no run " + runId + " in " + db.url() + " (see 'runs STUDY')"));
            out.printf("run %d of study %d: %s%n", r.id(), r.studyId(), r.name());
            out.printf("status %s, seed %d, started %s, ended %s%n", r.status().name().toLowerCase(java.util.Locale.ROOT),
                    r.seed(), r.startedAt(), r.endedAt());
            if (r.error() != null) {
                out.println("error: " + r.error());
            }
            out.println("results:");
            db.runs().results(runId).forEach((k, v) -> out.printf(java.util.Locale.ROOT, "  %-22s %s%n", k, v));
            out.println("log:");
            db.logs().lines(runId).forEach(line -> out.println("  " + line));
            out.println("provenance:");
            db.runs().provenance(runId).forEach((k, v) -> out.printf("  %-22s %s%n", k, v));
        }
        out.flush();
        return 0;
    }
}
