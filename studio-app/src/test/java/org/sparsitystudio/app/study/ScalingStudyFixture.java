package org.sparsitystudio.app.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsitystudio.experiments.kinds.roma.RomaKind;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.NewRun;
import org.sparsitystudio.persistence.NewStudy;
import org.sparsitystudio.persistence.RunRecord;

/**
 * Writes a finished RoMA scaling study straight into a real database (no training) whose held-out
 * loss follows a known power law: {@link #PREFACTOR} · n^{@link #DATA_EXPONENT} ·
 * P^{@link #SIZE_EXPONENT} for n pre-training images and P = 100 · d² parameters, over d 16 and 32,
 * n 250, 1000 and 4000, seeds 1 to 3. The seeds scatter by −1 %, 0 and +1 %, so each point's
 * mean across seeds lies exactly on the law while its band has width.
 */
public final class ScalingStudyFixture {

    /** The law's prefactor. */
    public static final double PREFACTOR = 3;
    /** The exponent of the held-out loss in pre-training images. */
    public static final double DATA_EXPONENT = -0.2;
    /** The exponent of the held-out loss in the parameter count. */
    public static final double SIZE_EXPONENT = -0.1;

    private ScalingStudyFixture() {
    }

    /** The parameter count of width {@code d}. */
    public static double parameters(int d) {
        return 100.0 * d * d;
    }

    /** The law's held-out loss at width {@code d} after {@code images} pre-training images. */
    public static double loss(int d, int images) {
        return PREFACTOR * Math.pow(images, DATA_EXPONENT) * Math.pow(parameters(d), SIZE_EXPONENT);
    }

    /** Writes the study; returns its id. */
    public static long study(Database db) {
        List<NewRun> runs = new ArrayList<>();
        int i = 0;
        for (long seed = 1; seed <= 3; seed++) {
            for (int d : new int[] {16, 32}) {
                for (int n : new int[] {250, 1000, 4000}) {
                    runs.add(new NewRun(i++, "d=" + d + " · pretrainImages=" + n + " · seed " + seed, seed,
                            "{\"d\":\"" + d + "\",\"pretrainImages\":\"" + n + "\"}"));
                }
            }
        }
        long id = db.studies().create(new NewStudy("scaling", RomaKind.ID, "{}", List.of(), "", runs)).study().id();
        for (RunRecord r : db.runs().listByStudy(id)) {
            int d = r.name().contains("d=16") ? 16 : 32;
            int n = Integer.parseInt(r.name().replaceAll(".*pretrainImages=(\\d+).*", "$1"));
            double scatter = 1 + 0.01 * (r.seed() - 2);
            db.runs().markRunning(r.id());
            db.runs().putResults(r.id(), Map.of("heldOutLoss", scatter * loss(d, n), "parameters", parameters(d),
                    "probeAccuracy", 0.9 - 0.1 * scatter * Math.pow(n, -0.25)));
            db.runs().finish(r.id(), RunStatus.COMPLETED, null);
        }
        return id;
    }
}
