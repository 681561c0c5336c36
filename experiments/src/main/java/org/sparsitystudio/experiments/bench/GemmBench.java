package org.sparsitystudio.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fp32 GEMM rate as shared/peer/gemm.py measures it: C = A·B for n×n matrices, 2n³ flops per call,
 * 3 warm-up calls, median of 10, writing into a preallocated C.
 */
public final class GemmBench {

    /** Result for one size. */
    public record Result(int n, double medianMillis, double gflops) {
    }

    private GemmBench() {
    }

    public static List<Result> run(int... sizes) {
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.create(DataType.FLOAT, n, n);
            for (int i = 0; i < 3; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double[] millis = new double[10];
            for (int i = 0; i < millis.length; i++) {
                long t0 = System.nanoTime();
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(millis);
            double median = (millis[4] + millis[5]) / 2;
            results.add(new Result(n, median, 2.0 * n * n * n / (median / 1e3) / 1e9));
        }
        return results;
    }
}
