package org.sparsitystudio.experiments.kinds.essential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.pretraining.Backbone;
import org.sparsitystudio.experiments.pretraining.Objective;
import org.sparsitystudio.experiments.pretraining.PretrainConfig;
import org.sparsitystudio.experiments.pretraining.Pretrained;
import org.sparsitystudio.experiments.pretraining.Pretraining;

/**
 * SCIENCE.md §2's small-scale check on the full Fashion-MNIST: the reference MLP (784-300-100-10,
 * Adam 1e-3, batch 128) pre-trained for 3 epochs with seeds 1-3, then pruned one-shot by magnitude
 * with all three layers pruned (as shared/peer/prune_sweep.py does), mode A, on the default grid.
 * Per seed under global pruning: the 1 pp tolerance knee is at least 0.3, accuracy at 0.99 is at
 * least 10 pp below dense, and the Kneedle knee lies in [0.3, 0.98]; at s = 0.9 the mean accuracy
 * of global pruning is at least that of layer-wise pruning less 0.5 pp. Run with -Pscience.
 *
 * <p>The effect of less pre-training data on the knee is measured and printed, not asserted, as
 * SCIENCE.md asks.
 *
 * <p>Measured here (2 shared cores, deterministic across reruns): dense 0.8660 / 0.8674 / 0.8736;
 * global s*_1pp 0.55 / 0.70 / 0.65 (knee of the mean curve 0.65), Kneedle 0.85 for every seed;
 * accuracy at 0.99 0.2687 / 0.2291 / 0.1704; at 0.9 mean global 0.7266 against mean layer-wise
 * 0.3873 (layer-wise s*_1pp 0.35 / 0.50 / 0.45). Global pruning at its knee takes 57-72 % of the
 * first layer, 42-57 % of the second and 24-32 % of the last. Data fraction 0.1: s*_1pp 0.65 /
 * 0.55 / 0.75; 0.3: 0.70 / 0.50 / 0.65, so no trend with data at this scale. PyTorch
 * (shared/peer/prune_sweep.py --epochs 3 --seed 1, its own grid): dense 0.8726, 0.8604 at 0.6
 * (s*_1pp 0.5 on that grid), 0.5777 at 0.9, 0.2293 at 0.99.
 */
@Tag("science")
class EssentialSparsityScienceTest {

    private static final long[] SEEDS = {1, 2, 3};
    private static final double[] GRID = EssentialSparsityKind.DEFAULT_GRID.stream().mapToDouble(Double::doubleValue)
            .toArray();
    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = FashionMnist.load();
        assumeTrue(data.origin().isFullDataset(), "needs the full Fashion-MNIST (dataset-fashion-mnist)");
    }

    private static Pretrained pretrain(long seed, double fraction) {
        PretrainConfig config = new PretrainConfig(Backbone.MLP, Objective.SUPERVISED, 3, fraction, 128, 1e-3, 0.75,
                null, seed);
        return Pretraining.run(config, data, Pretraining.Listener.NONE, () -> false);
    }

    private static double[] curve(Pretrained model, PruningScope scope) {
        SparsitySweep sweep = new SparsitySweep(model, data.test(),
                SparsitySweep.Options.oneShot(scope, WeightSelection.ALL, false), null);
        return sweep.run(GRID, level -> { }, () -> false).stream().mapToDouble(SparsitySweep.Level::accuracy).toArray();
    }

    private static int index(double sparsity) {
        int i = java.util.Arrays.binarySearch(GRID, sparsity);
        if (i < 0) {
            throw new IllegalArgumentException(sparsity + " is not on the grid");
        }
        return i;
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", v));
        }
        return b.toString();
    }

    @Test
    void referenceMlpHasAnEssentialSparsityAndGlobalPruningHoldsUp() {
        List<double[]> global = new ArrayList<>();
        List<double[]> layerWise = new ArrayList<>();
        for (long seed : SEEDS) {
            Pretrained model = pretrain(seed, 1.0);
            global.add(curve(model, PruningScope.GLOBAL));
            layerWise.add(curve(model, PruningScope.LAYERWISE));
            OneShotPruner pruner = new OneShotPruner(model.model(), WeightSelection.ALL.select(model.model(), false),
                    PruningScope.GLOBAL);
            double knee = KneeDetection.toleranceKnee(GRID, global.get(global.size() - 1), 0.01);
            System.out.printf(Locale.ROOT, "seed %d, global: layer sparsity at the knee %.2f %s, at 0.9 %s%n", seed, knee,
                    pruner.layerSparsity(pruner.masks(knee)), pruner.layerSparsity(pruner.masks(0.9)));
        }
        KneeDetection.Summary tolerance = KneeDetection.summarise(GRID, global, KneeDetection.tolerance(0.01));
        KneeDetection.Summary kneedle = KneeDetection.summarise(GRID, global, KneeDetection.kneedle());
        KneeDetection.Summary layerWiseKnees = KneeDetection.summarise(GRID, layerWise, KneeDetection.tolerance(0.01));
        System.out.println("grid: " + format(GRID));
        for (int i = 0; i < SEEDS.length; i++) {
            System.out.printf(Locale.ROOT, "seed %d global:     %s%nseed %d layer-wise: %s%n", SEEDS[i],
                    format(global.get(i)), SEEDS[i], format(layerWise.get(i)));
        }
        System.out.printf(Locale.ROOT, "global: s*_1pp per seed %s (knee of mean curve %.2f); Kneedle per seed %s "
                + "(of mean %.2f); layer-wise s*_1pp per seed %s%n", tolerance.knees(), tolerance.kneeOfMeanCurve(),
                kneedle.knees(), kneedle.kneeOfMeanCurve(), layerWiseKnees.knees());
        double globalAt90 = 0;
        double layerWiseAt90 = 0;
        for (int i = 0; i < SEEDS.length; i++) {
            double[] g = global.get(i);
            double dense = g[0];
            double at99 = g[index(0.99)];
            System.out.printf(Locale.ROOT, "seed %d: dense %.4f, at 0.99 %.4f (drop %.2f pp), at 0.9 global %.4f, "
                    + "layer-wise %.4f%n", SEEDS[i], dense, at99, 100 * (dense - at99), g[index(0.9)],
                    layerWise.get(i)[index(0.9)]);
            assertTrue(tolerance.knees().get(i) >= 0.3, "seed " + SEEDS[i] + ": s*_1pp " + tolerance.knees().get(i));
            assertTrue(at99 <= dense - 0.10, "seed " + SEEDS[i] + ": accuracy at 0.99 " + at99 + " vs dense " + dense);
            double k = kneedle.knees().get(i);
            assertTrue(k >= 0.3 && k <= 0.98, "seed " + SEEDS[i] + ": Kneedle knee " + k);
            globalAt90 += g[index(0.9)] / SEEDS.length;
            layerWiseAt90 += layerWise.get(i)[index(0.9)] / SEEDS.length;
        }
        System.out.printf(Locale.ROOT, "at 0.9: mean global %.4f, mean layer-wise %.4f%n", globalAt90, layerWiseAt90);
        assertTrue(globalAt90 >= layerWiseAt90 - 0.005, "at 0.9 global " + globalAt90 + " vs layer-wise " + layerWiseAt90);
    }

    @Test
    void kneeAgainstPreTrainingDataIsReported() {
        for (double fraction : new double[] {0.1, 0.3}) {
            List<double[]> curves = new ArrayList<>();
            for (long seed : SEEDS) {
                curves.add(curve(pretrain(seed, fraction), PruningScope.GLOBAL));
            }
            KneeDetection.Summary knees = KneeDetection.summarise(GRID, curves, KneeDetection.tolerance(0.01));
            System.out.printf(Locale.ROOT, "data fraction %.1f: dense %s, s*_1pp per seed %s (mean %.3f, knee of mean "
                    + "curve %.2f)%n", fraction, curves.stream().map(c -> String.format(Locale.ROOT, "%.4f", c[0])).toList(),
                    knees.knees(), knees.mean(), knees.kneeOfMeanCurve());
            knees.knees().forEach(k -> assertTrue(k >= 0 && k <= 0.99, "a knee on the grid: " + k));
        }
    }
}
