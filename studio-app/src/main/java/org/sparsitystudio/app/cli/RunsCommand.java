package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists a study's runs: status, seed, headline result, and why a run did not finish. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs of a study.")
final class RunsCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "STUDY", description = "Study id, as listed by 'studies'.")
    private long studyId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            db.studies().find(studyId).orElseThrow(() -> new IllegalArgumentException("no study " + studyId
                    + " in " + db.url() + " (see 'studies')"));
            for (RunRecord r : db.runs().listByStudy(studyId)) {
                Map<String, Double> results = db.runs().results(r.id());
                String headline = results.containsKey("finalTestAccuracy")
                        ? String.format(Locale.ROOT, "%.4f", results.get("finalTestAccuracy"))
                        : results.isEmpty() ? "" : results.toString();
                out.printf(Locale.ROOT, "%5d  %-40s %-11s seed %-20d %s%s%n", r.id(), r.name(),
                        r.status().name().toLowerCase(Locale.ROOT), r.seed(), headline,
                        r.error() == null ? "" : "  " + r.error());
            }
        }
        out.flush();
        return 0;
    }
}
