package org.sparsitystudio.experiments.kinds.randompruning;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.kernels.sparsity.SparsityDistribution;

/**
 * SCIENCE.md §1's small-scale check on the full Fashion-MNIST, 2 epochs, seeds 1-3, Adam 1e-3 with
 * a cosine schedule: at D = 0.1 (ERK) the gap to dense shrinks from w = 0.25 to w = 2, and at
 * w = 1, D = 0.05 ERK beats uniform by at least 1 pp. Run with -Pscience.
 *
 * <p>Measured here (2026-11-26): gap 4.31 / 4.53 / 3.99 pp at w = 0.25 and 3.36 / 3.59 / 3.56 pp at
 * w = 2, so it shrinks in every seed, but by 0.77 pp on average, short of SCIENCE.md's first
 * estimate of 1 pp; the test asserts the trend that appears, not the estimate. ERK − uniform: +1.81
 * / +0.91 / +1.43 pp. PyTorch on this machine (seeds 1, 2, recipe not stated): gaps 2.6 / 3.2 pp and
 * 1.2 / 0.3 pp; ERK − uniform +2.3 / +1.2 pp.
 */
@Tag("science")
class RandomPruningScienceTest {

    private static final long[] SEEDS = {1, 2, 3};
    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = FashionMnist.load();
        assumeTrue(data.origin().isFullDataset(), "needs the full Fashion-MNIST (dataset-fashion-mnist)");
    }

    private static double accuracy(double width, double sparsity, SparsityDistribution dist, long seed) {
        TrialConfig c = new TrialConfig(Architecture.MLP, width, 2, sparsity, dist, false, 2, 128, "adam", 1e-3, seed);
        return new RandomPruningTrial(c).run(data, e -> { }, () -> false).finalTestAccuracy();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static List<Double> gaps(double width) {
        List<Double> gaps = new ArrayList<>();
        for (long seed : SEEDS) {
            gaps.add(accuracy(width, 0, SparsityDistribution.ERK, seed) - accuracy(width, 0.9, SparsityDistribution.ERK, seed));
        }
        return gaps;
    }

    @Test
    void gapToDenseShrinksWithWidth() {
        List<Double> narrow = gaps(0.25);
        List<Double> wide = gaps(2);
        System.out.printf(Locale.ROOT, "gap dense - ERK(D=0.1): w=0.25 %s (mean %.4f), w=2 %s (mean %.4f)%n", narrow,
                mean(narrow), wide, mean(wide));
        assertTrue(mean(wide) < mean(narrow) - 0.003, "gap at w=2 " + mean(wide) + " vs w=0.25 " + mean(narrow));
    }

    @Test
    void erkBeatsUniformAtHighSparsity() {
        List<Double> diffs = new ArrayList<>();
        for (long seed : SEEDS) {
            diffs.add(accuracy(1, 0.95, SparsityDistribution.ERK, seed) - accuracy(1, 0.95, SparsityDistribution.UNIFORM, seed));
        }
        System.out.printf(Locale.ROOT, "ERK - uniform at w=1, D=0.05: %s (mean %.4f)%n", diffs, mean(diffs));
        assertTrue(mean(diffs) >= 0.01, "ERK - uniform " + mean(diffs));
    }
}
