package org.sparsitystudio.experiments.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, with the machine it ran on.
 *
 * @param backend   backend description (device, threads)
 * @param data      which Fashion-MNIST was used
 * @param gemm      GEMM rates by size
 * @param mlp       training throughput per mask
 * @param threads   backend threads used for the MLP workloads
 */
public record BenchReport(Map<String, String> backend, String data, List<GemmBench.Result> gemm,
        List<MlpTrainingBench.Result> mlp, int threads) {
}
