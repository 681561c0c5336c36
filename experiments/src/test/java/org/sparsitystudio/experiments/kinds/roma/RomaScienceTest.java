package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SCIENCE.md §6's small-scale check, reduced to what runs in about ten minutes on two shared
 * cores: tiny Mamba (d 64, 2 layers) on 32² scenes (patch 4, the same 64 tokens as 64² with patch
 * 8), 2,000 labelled training and 400 test scenes (upright and rotated), 2,000 unlabelled
 * pre-training scenes, 300 pre-training steps with all three parts of RoMA on, batch 32 instead of
 * 64, seeds 1–3; the same pre-training without rotated windows and angle embedding (the ablation
 * of the rotated test set), and widths d = 16 and 32 for seed 1 (the size check).
 *
 * <p>Asserted: pre-training learnt something (scale-1 loss below the target variance), every probe
 * is far above chance (12.5 %), and the held-out loss falls with width 16 → 32 → 64. Measured and
 * printed, not asserted: the paper-derived claims that the scale-1 loss ends at most at half the
 * target variance and that pre-trained probes beat random-initialisation ones, and the effect of
 * rotation-aware pre-training on rotated scenes.
 *
 * <p>Measured here (555 s): scale-1 loss / target variance 0.916 / 0.899 / 0.888 (mean 0.901, first
 * claim missed; per-patch normalisation turns the σ 0.02 pixel noise of nearly flat 4×4 patches
 * into unit-variance targets no model can predict); held-out loss 0.854 / 0.851 / 0.845; by width
 * (seed 1) 0.922 (d 16), 0.888 (d 32), 0.854 (d 64). Probe, upright: pre-trained 0.9875 / 0.980 /
 * 0.985 against 1.000 / 0.995 / 0.9975 at random initialisation (second claim missed: a random
 * Mamba's mean tokens already separate these scenes); rotated: 0.905 / 0.910 / 0.910 rotation-aware,
 * 0.910 / 0.9325 / 0.9025 upright-only (−0.67 pp, within the seeds' spread), 0.9975 / 0.9975 /
 * 0.995 random.
 */
@Tag("science")
class RomaScienceTest {

    private static final long[] SEEDS = {1, 2, 3};

    private static RomaConfig config(BackboneChoice backbone, long seed) {
        return config(backbone, 64, true, seed);
    }

    private static RomaConfig config(BackboneChoice backbone, int d, boolean rotationAware, long seed) {
        return new RomaConfig(backbone, d, 2, 32, 2000, 300, rotationAware, rotationAware, 3, 30, 0, 1e-3, 0.05, 32,
                250, 50, seed);
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static String describe(String name, List<Double> v) {
        double m = mean(v);
        double spread = v.stream().mapToDouble(x -> Math.abs(x - m)).max().orElseThrow();
        return String.format(Locale.ROOT, "%s %s mean %.4f ± %.4f", name, v, m, spread);
    }

    @Test
    void pretrainingAgainstRandomInitialisationIsReported() {
        long start = System.nanoTime();
        SceneData data = SceneData.labelled(32, 250, 50);
        float[] pool = SceneData.pretrainPool(32, 2000);
        List<Double> ratio = new ArrayList<>();
        Map<Integer, Double> sizes = new TreeMap<>();
        List<Double> heldOut = new ArrayList<>();
        List<Double> pretrained = new ArrayList<>();
        List<Double> pretrainedRotated = new ArrayList<>();
        List<Double> random = new ArrayList<>();
        List<Double> randomRotated = new ArrayList<>();
        List<Double> uprightOnly = new ArrayList<>();
        List<Double> uprightOnlyRotated = new ArrayList<>();
        for (long seed : SEEDS) {
            RomaTrial.Result p = new RomaTrial(config(BackboneChoice.MAMBA, seed)).run(data, pool, s -> { }, f -> { },
                    () -> false);
            RomaTrial.Result r = new RomaTrial(config(BackboneChoice.RANDOM_INIT, seed)).run(data, pool, s -> { },
                    f -> { }, () -> false);
            // the ablation: the same pre-training without rotated windows and angle embedding
            RomaTrial.Result u = new RomaTrial(config(BackboneChoice.MAMBA, 64, false, seed)).run(data, pool, s -> { },
                    f -> { }, () -> false);
            uprightOnly.add(u.probeAccuracy());
            uprightOnlyRotated.add(u.probeAccuracyRotated());
            if (seed == SEEDS[0]) {
                sizes.put(64, p.heldOutLoss());
            }
            ratio.add(p.finalPretrainLossScale1() / p.targetVariance());
            heldOut.add(p.heldOutLoss());
            pretrained.add(p.probeAccuracy());
            pretrainedRotated.add(p.probeAccuracyRotated());
            random.add(r.probeAccuracy());
            randomRotated.add(r.probeAccuracyRotated());
        }
        for (int d : new int[] {16, 32}) {
            sizes.put(d, new RomaTrial(config(BackboneChoice.MAMBA, d, true, SEEDS[0])).run(data, pool, s -> { },
                    f -> { }, () -> false).heldOutLoss());
        }
        String report = String.join("\n", describe("scale-1 loss / target variance (last 10 steps)", ratio),
                describe("held-out scale-1 loss", heldOut), describe("probe, pre-trained, upright", pretrained),
                describe("probe, random init, upright", random),
                describe("probe, pre-trained, rotated", pretrainedRotated),
                describe("probe, random init, rotated", randomRotated),
                describe("probe, pre-trained without rotation, upright", uprightOnly),
                describe("probe, pre-trained without rotation, rotated", uprightOnlyRotated),
                "held-out scale-1 loss by width d (seed " + SEEDS[0] + "): " + sizes,
                String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9));
        System.out.println(report);
        System.out.printf(Locale.ROOT, "claim scale-1 loss ≤ 0.5 × variance: %s; claim pre-trained probe > random: %s%n",
                mean(ratio) <= 0.5 ? "met" : "missed", mean(pretrained) > mean(random) ? "met" : "missed");
        System.out.printf(Locale.ROOT, "rotation-aware pre-training on rotated scenes: %+.2f pp against upright-only%n",
                100 * (mean(pretrainedRotated) - mean(uprightOnlyRotated)));
        System.out.printf(Locale.ROOT, "claim held-out loss falls with width 16 → 32 → 64: %s%n",
                sizes.get(16) > sizes.get(32) && sizes.get(32) > sizes.get(64) ? "met" : "missed");
        assertTrue(mean(ratio) < 1, report);
        assertTrue(sizes.get(16) > sizes.get(32) && sizes.get(32) > sizes.get(64),
                "the held-out loss falls with width 16 → 32 → 64: " + sizes);
        for (List<Double> accuracies : List.of(pretrained, random, pretrainedRotated, randomRotated)) {
            assertTrue(accuracies.stream().allMatch(a -> a > 0.5), report);
        }
    }
}
