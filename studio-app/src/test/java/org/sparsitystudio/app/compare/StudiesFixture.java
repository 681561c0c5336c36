package org.sparsitystudio.app.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.NewRun;
import org.sparsitystudio.persistence.NewStudy;
import org.sparsitystudio.persistence.RunRecord;

/**
 * Writes finished random-pruning studies straight into a real database (no training), for tests of
 * the views that read them: sparsity 0 and 0.9 over seeds 1–3, one distribution per study.
 */
public final class StudiesFixture {

    private StudiesFixture() {
    }

    /** A study whose accuracy at sparsity 0.9 is {@code sparse + seed/100}; returns its id. */
    public static long study(Database db, String name, String distribution, double sparse, String commit) {
        List<NewRun> runs = new ArrayList<>();
        int i = 0;
        for (long seed = 1; seed <= 3; seed++) {
            for (String sparsity : new String[] {"0", "0.9"}) {
                runs.add(new NewRun(i++, "sparsity=" + sparsity + " · seed " + seed, seed,
                        "{\"width\":\"1\",\"sparsity\":\"" + sparsity + "\",\"distribution\":\"" + distribution
                                + "\",\"epochs\":\"1\"}"));
            }
        }
        long id = db.studies().create(new NewStudy(name, "random-pruning-scaling", "{}", List.of(), "", runs)).study().id();
        for (RunRecord r : db.runs().listByStudy(id)) {
            boolean dense = r.parametersJson().contains("\"sparsity\":\"0\"");
            double accuracy = (dense ? 0.88 : sparse) + r.seed() / 100.0;
            db.runs().markRunning(r.id());
            db.runs().putResults(r.id(), Map.of("finalTestAccuracy", accuracy));
            db.runs().writeProvenance(r.id(), Map.of("app.commit", commit, "param.distribution", distribution,
                    "startedAt", "2026-11-27T00:00:0" + r.runIndex() + "Z"));
            db.runs().finish(r.id(), RunStatus.COMPLETED, null);
        }
        return id;
    }
}
