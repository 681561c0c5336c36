package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Lists the studies in the database with their runs' states. */
@Command(name = "studies", mixinStandardHelpOptions = true, description = "List the studies in the database.")
final class StudiesCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            if (db.studies().list().isEmpty()) {
                out.println("No studies yet: run a design with 'sparsity-studio run DESIGN.json'.");
            }
            for (Study s : db.studies().list()) {
                Map<String, Integer> counts = new TreeMap<>();
                for (RunRecord r : db.runs().listByStudy(s.id())) {
                    counts.merge(r.status().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                }
                out.printf("%4d  %-24s %-44s %s  %s%n", s.id(), s.kindId(), s.name(), s.createdAt(), counts);
            }
        }
        out.flush();
        return 0;
    }
}
