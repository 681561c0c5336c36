package org.sparsitystudio.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.training.MaskRecipe;
import org.sparsitystudio.experiments.training.MlpRecipe;
import org.sparsitystudio.kernels.backend.BackendInfo;
import org.sparsitystudio.kernels.backend.Threads;

/**
 * The benchmark of the foundation issue: fp32 GEMM on all cores, then the reference MLP's training
 * throughput dense, with a fixed 90% random mask, and with 2:4 recomputed every step.
 */
public final class Bench {

    private Bench() {
    }

    /**
     * @param data       Fashion-MNIST (the full set for figures comparable with the peer)
     * @param mlpThreads backend threads for the MLP workloads
     * @param gemmSizes  GEMM sizes; empty to skip
     * @param masks      mask recipes to time
     * @param progress   receives a line per finished workload
     */
    public static BenchReport run(FashionMnist data, int mlpThreads, int[] gemmSizes, List<MaskRecipe> masks,
            Consumer<String> progress) {
        List<GemmBench.Result> gemm = List.of();
        if (gemmSizes.length > 0) {
            Threads.use(Threads.available());
            gemm = GemmBench.run(gemmSizes);
            gemm.forEach(r -> progress.accept(String.format(java.util.Locale.ROOT, "gemm n=%d: %.1f GFLOP/s", r.n(),
                    r.gflops())));
        }
        List<MlpTrainingBench.Result> mlp = new ArrayList<>();
        MlpRecipe base = new MlpRecipe(new int[] {300, 100}, 128, 1e-3, 1, 0, MaskRecipe.dense(), mlpThreads);
        for (MaskRecipe mask : masks) {
            MlpTrainingBench.Result r = MlpTrainingBench.run(data, base.withMask(mask));
            mlp.add(r);
            progress.accept(String.format(java.util.Locale.ROOT, "mlp %s: %.0f samples/s, %.2f ms/step, test acc %.4f",
                    r.mask(), r.samplesPerSecond(), r.millisPerStep(), r.testAccuracy()));
        }
        Threads.use(mlpThreads);
        return new BenchReport(BackendInfo.current().asMap(), data.origin().describe(), gemm, mlp, mlpThreads);
    }
}
