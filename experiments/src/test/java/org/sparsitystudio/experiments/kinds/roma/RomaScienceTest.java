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
 * SCIENCE.md §6's small-scale check, reduced to what runs in under ten minutes on two shared
 * cores: tiny Mamba (d 64, 2 layers) on 32² scenes (patch 4, the same 64 tokens as 64² with patch
 * 8), 2,000 labelled training and 400 test scenes (upright and rotated), 2,000 unlabelled
 * pre-training scenes, 300 pre-training steps with all three parts of RoMA on, but batch 32
 * instead of 64; seeds 1–3 as SCIENCE.md §6 asks, so that the rotation effect on the rotated test
 * set is reported over three seeds (about 8 minutes here, estimated from 5.5 minutes for two
 * seeds). The claims, that after 300 steps the scale-1 loss is at most half the target variance
 * and that the mean probe accuracy of the pre-trained backbones beats that of the same backbones
 * at random initialisation, are measured and printed, not asserted; asserted is only that
 * pre-training learnt something (loss below the target variance) and that every probe is far above
 * chance (12.5 %).
 *
 * <p>Measured here with seeds 1 and 2 only, before the third was added (not yet rerun): scale-1
 * loss / target variance over the last 10 steps 0.916, 0.899 (mean 0.908, so the first claim is
 * missed); held-out scale-1 loss 0.854, 0.851; probe on upright scenes 0.9875, 0.980 pre-trained
 * against 1.000, 0.995 at random initialisation (the second claim is missed: a random Mamba's mean
 * tokens already separate these scenes, leaving no headroom); rotated scenes 0.905, 0.910
 * pre-trained against 0.9975, 0.9975 random (pre-training on upright scenes costs rotation
 * robustness even with rotated windows). Per-patch normalisation turns the σ 0.02 pixel noise of
 * nearly flat 4×4 patches into unit-variance targets no model can predict, which bounds how low
 * the scale-1 loss can go.
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
        for (List<Double> accuracies : List.of(pretrained, random, pretrainedRotated, randomRotated)) {
            assertTrue(accuracies.stream().allMatch(a -> a > 0.5), report);
        }
    }
}
