package org.sparsitystudio.kernels.monarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Init;

class MonarchProjectionTest {

    private static INDArray normal(long seed, long... shape) {
        return Init.normal(DataType.DOUBLE, new SplittableRandom(seed), 1.0, shape);
    }

    @Test
    void recoversLargeRandomMonarchMatrix() {
        MonarchLinear layer = new MonarchLinear(1024, 1024, 32, false, DataType.DOUBLE, new SplittableRandom(1));
        INDArray dense = layer.toDense();
        MonarchFactors projected = MonarchProjection.project(dense, 32);
        double error = MonarchProjection.relativeError(dense, projected);
        assertTrue(error < 1e-4, () -> "relative error " + error);
    }

    @Test
    void recoversLargeRandomMonarchMatrixInFloat() {
        MonarchLinear layer = new MonarchLinear(256, 256, 16, false, DataType.FLOAT, new SplittableRandom(2));
        INDArray dense = layer.toDense();
        MonarchFactors projected = MonarchProjection.project(dense, 16);
        assertEquals(DataType.FLOAT, projected.blkdiag1().dataType());
        double error = MonarchProjection.relativeError(dense, projected);
        assertTrue(error < 1e-4, () -> "relative error " + error);
    }

    @ParameterizedTest(name = "in={0} out={1} b={2}")
    @CsvSource({"16, 16, 4", "32, 32, 2", "12, 30, 4", "10, 7, 3", "7, 10, 3"})
    void recoversSmallMonarchMatricesExactly(int in, int out, int blocks) {
        MonarchLinear layer = new MonarchLinear(in, out, blocks, false, DataType.DOUBLE, new SplittableRandom(3));
        INDArray dense = layer.toDense();
        MonarchFactors projected = MonarchProjection.project(dense, blocks);
        double error = MonarchProjection.relativeError(dense, projected);
        assertTrue(error < 1e-13, () -> "relative error " + error);
        // and the factors load into a layer that computes the same map
        MonarchLinear copy = new MonarchLinear(in, out, blocks, false, DataType.DOUBLE, new SplittableRandom(4));
        copy.setFactors(projected);
        INDArray x = normal(5, 3, in);
        INDArray expected = layer.forward(x, false).dup();
        assertTrue(copy.forward(x, false).sub(expected).amaxNumber().doubleValue() < 1e-12);
    }

    @ParameterizedTest(name = "in={0} out={1} b={2}")
    @CsvSource({"16, 16, 4", "24, 24, 3", "10, 14, 3", "14, 10, 3"})
    void projectionOfDenseMatrixBeatsPerturbedFactors(int in, int out, int blocks) {
        INDArray dense = normal(6, out, in);
        MonarchFactors best = MonarchProjection.project(dense, blocks);
        double bestError = MonarchProjection.relativeError(dense, best);
        assertTrue(bestError > 0.1 && bestError < 1, "a random dense matrix is not Monarch");
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            double scale = trial < 10 ? 1e-3 : 1e-1;
            INDArray r = best.blkdiag1().add(Init.normal(DataType.DOUBLE, rng, scale, best.blkdiag1().shape()));
            INDArray l = best.blkdiag2().add(Init.normal(DataType.DOUBLE, rng, scale, best.blkdiag2().shape()));
            double error = MonarchProjection.relativeError(dense, new MonarchFactors(in, out, blocks, r, l));
            int t = trial;
            assertTrue(error >= bestError, () -> "perturbation " + t + " gave " + error + " < " + bestError);
        }
        // also better than a random Monarch layer fitted to nothing
        MonarchLinear random = new MonarchLinear(in, out, blocks, false, DataType.DOUBLE, new SplittableRandom(8));
        assertTrue(MonarchProjection.relativeError(dense, random.factors()) > bestError);
    }

    @Test
    void topSingularTripleIsASingularTripleWithTheLargestValue() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int[] shape : new int[][] {{5, 3}, {3, 5}, {6, 6}, {1, 4}}) {
            int p = shape[0];
            int q = shape[1];
            double[][] s = new double[p][q];
            for (int k = 0; k < p; k++) {
                for (int j = 0; j < q; j++) {
                    s[k][j] = rng.nextDouble() - 0.5;
                }
            }
            double[] u = new double[p];
            double[] v = new double[q];
            double sigma = MonarchProjection.topSingularTriple(s, u, v);
            // S v = σ u and Sᵀ u = σ v with unit u, v
            for (int k = 0; k < p; k++) {
                double sv = 0;
                for (int j = 0; j < q; j++) {
                    sv += s[k][j] * v[j];
                }
                assertEquals(sigma * u[k], sv, 1e-12);
            }
            for (int j = 0; j < q; j++) {
                double su = 0;
                for (int k = 0; k < p; k++) {
                    su += s[k][j] * u[k];
                }
                assertEquals(sigma * v[j], su, 1e-12);
            }
            // no unit vector is stretched more than σ
            for (int trial = 0; trial < 50; trial++) {
                double[] x = new double[q];
                double norm = 0;
                for (int j = 0; j < q; j++) {
                    x[j] = rng.nextDouble() - 0.5;
                    norm += x[j] * x[j];
                }
                double stretched = 0;
                for (int k = 0; k < p; k++) {
                    double sx = 0;
                    for (int j = 0; j < q; j++) {
                        sx += s[k][j] * x[j];
                    }
                    stretched += sx * sx;
                }
                assertTrue(Math.sqrt(stretched / norm) <= sigma + 1e-12);
            }
        }
        double[][] zero = new double[2][3];
        assertEquals(0.0, MonarchProjection.topSingularTriple(zero, new double[2], new double[3]));
    }
}
