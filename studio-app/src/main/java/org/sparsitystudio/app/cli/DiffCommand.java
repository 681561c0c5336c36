package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The provenance entries in which two runs differ. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Show where two runs' provenance differs.")
final class DiffCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "RUN") private long left;

    @Parameters(index = "1", paramLabel = "RUN") private long right;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            Provenance a = Provenance.of(db.runs().provenance(left));
            Provenance b = Provenance.of(db.runs().provenance(right));
            if (a.entries().isEmpty() || b.entries().isEmpty()) {
                throw new IllegalArgumentException("run " + (a.entries().isEmpty() ? left : right)
                        + " has no provenance in " + db.url());
            }
            List<Provenance.Difference> diff = a.diff(b);
            out.printf("%-28s %-32s %s%n", "", "run " + left, "run " + right);
            for (Provenance.Difference d : diff) {
                out.printf("%-28s %-32s %s%n", d.key(), d.left(), d.right());
            }
            out.println(diff.size() + " difference(s)");
        }
        out.flush();
        return 0;
    }
}
