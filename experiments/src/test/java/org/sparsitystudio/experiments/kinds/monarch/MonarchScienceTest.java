package org.sparsitystudio.experiments.kinds.monarch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.bench.MonarchBench;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.kernels.backend.BackendInfo;
import org.sparsitystudio.kernels.backend.Threads;

/**
 * SCIENCE.md §5's small-scale check on the full Fashion-MNIST: the MLP 784-1024-1024-10 with its
 * 1024² layer dense, Monarch (b = 32, 65,536 weights) or randomly masked to the same 65,536
 * weights; 2 epochs, Adam 1e-3, batch 128, seeds 1–3; and the Monarch forward at n = 4096, batch
 * 256, faster than the dense one. Run with -Pscience.
 */
@Tag("science")
class MonarchScienceTest {

    private static final long[] SEEDS = {1, 2, 3};
    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = FashionMnist.load();
        assumeTrue(data.origin().isFullDataset(), "needs the full Fashion-MNIST (dataset-fashion-mnist)");
    }

    private static MonarchConfig config(LayerChoice layer, MonarchConfig.Mode mode, long seed) {
        return new MonarchConfig(layer, 32, 1024, 2, MonarchConfig.Scope.SQUARE, mode, 2, 1, 128, "adam", 1e-3, seed);
    }

    private static List<Double> accuracies(LayerChoice layer) {
        List<Double> out = new ArrayList<>();
        for (long seed : SEEDS) {
            out.add(new MonarchTrial(config(layer, MonarchConfig.Mode.FROM_SCRATCH, seed))
                    .run(data, e -> { }, (d, p, e) -> { }, f -> { }, () -> false).finalTestAccuracy());
        }
        return out;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static String describe(String name, List<Double> values) {
        double mean = mean(values);
        double spread = values.stream().mapToDouble(v -> Math.abs(v - mean)).max().orElseThrow();
        return String.format(Locale.ROOT, "%s %s mean %.4f ± %.4f", name, values, mean, spread);
    }

    @Test
    void monarchMatchesRandomSparsityAndStaysNearDense() {
        List<Double> dense = accuracies(LayerChoice.DENSE);
        List<Double> monarch = accuracies(LayerChoice.MONARCH);
        List<Double> sparse = accuracies(LayerChoice.RANDOM_SPARSE);
        System.out.println("Monarch science, 784-1024-1024-10, b = 32, 2 epochs: " + describe("dense", dense) + "; "
                + describe("monarch", monarch) + "; " + describe("random-sparse", sparse));
        assertTrue(mean(monarch) >= mean(sparse) - 0.005, "monarch " + mean(monarch) + " vs random " + mean(sparse));
        assertTrue(mean(monarch) >= mean(dense) - 0.015, "monarch " + mean(monarch) + " vs dense " + mean(dense));
    }

    @Test
    void projectionOfTheTrainedLayerIsPrintedAndFineTuningRecoversIt() {
        MonarchTrialResult r = new MonarchTrial(config(LayerChoice.MONARCH, MonarchConfig.Mode.PROJECT_DENSE, 1))
                .run(data, e -> { }, (d, p, e) -> { }, f -> { }, () -> false);
        System.out.printf(Locale.ROOT, "dense-to-Monarch, seed 1: dense %.4f, projected %.4f, after 1 fine-tune "
                + "epoch %.4f, relative error of the 1024² layer %.4f%n", r.denseAccuracy(),
                r.accuracyBeforeFineTune(), r.finalTestAccuracy(), r.projectionErrors().get(2));
        assertTrue(r.projectionErrors().get(2) < 1, r.toString());
        assertTrue(r.finalTestAccuracy() >= r.accuracyBeforeFineTune() - 0.005, r.toString());
    }

    @Test
    void monarchForwardBeatsDenseAtN4096() {
        BackendInfo before = BackendInfo.current();
        // as MonarchBench's command line: products on every core, copies on one
        Threads.use(1, Threads.available());
        try {
            List<MonarchBench.Result> results = MonarchBench.run(256, new int[] {1024, 4096}, MonarchBench::defaultBlocks);
            System.out.print(MonarchBench.table(results));
            MonarchBench.Result large = results.get(1);
            assertTrue(large.monarchForwardMillis() < large.denseForwardMillis(), large.toString());
        } finally {
            Threads.use(before.threads(), before.blasThreads());
        }
    }
}
