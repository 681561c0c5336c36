package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MultiHeadSelfAttentionTest {

    /** Naive attention: explicit loops per batch, head and token over the layer's own weights. */
    private static double[][][] naive(MultiHeadSelfAttention attn, INDArray x, int heads, boolean causal) {
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        int d = (int) x.size(2);
        int dh = d / heads;
        INDArray wq = attn.qkv().weight().value();
        INDArray bq = attn.qkv().bias().value();
        double[][][] qkv = new double[b][t][3 * d];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < t; i++) {
                for (int o = 0; o < 3 * d; o++) {
                    double s = bq.getDouble(o);
                    for (int c = 0; c < d; c++) {
                        s += x.getDouble(n, i, c) * wq.getDouble(o, c);
                    }
                    qkv[n][i][o] = s;
                }
            }
        }
        double[][][] merged = new double[b][t][d];
        for (int n = 0; n < b; n++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    double[] scores = new double[t];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < t; j++) {
                        double s = 0;
                        for (int e = 0; e < dh; e++) {
                            s += qkv[n][i][h * dh + e] * qkv[n][j][d + h * dh + e];
                        }
                        scores[j] = causal && j > i ? Double.NEGATIVE_INFINITY : s / Math.sqrt(dh);
                        max = Math.max(max, scores[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < t; j++) {
                        scores[j] = Math.exp(scores[j] - max);
                        z += scores[j];
                    }
                    for (int e = 0; e < dh; e++) {
                        double s = 0;
                        for (int j = 0; j < t; j++) {
                            s += scores[j] / z * qkv[n][j][2 * d + h * dh + e];
                        }
                        merged[n][i][h * dh + e] = s;
                    }
                }
            }
        }
        INDArray wp = attn.proj().weight().value();
        INDArray bp = attn.proj().bias().value();
        double[][][] out = new double[b][t][d];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < t; i++) {
                for (int o = 0; o < d; o++) {
                    double s = bp.getDouble(o);
                    for (int c = 0; c < d; c++) {
                        s += merged[n][i][c] * wp.getDouble(o, c);
                    }
                    out[n][i][o] = s;
                }
            }
        }
        return out;
    }

    private static void assertMatchesNaive(boolean causal) {
        MultiHeadSelfAttention attn = new MultiHeadSelfAttention(6, 3, causal, DataType.DOUBLE, new SplittableRandom(1));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 4, 6);
        INDArray y = attn.forward(x, false);
        assertArrayEquals(new long[] {2, 4, 6}, y.shape());
        double[][][] expected = naive(attn, x, 3, causal);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 4; i++) {
                for (int o = 0; o < 6; o++) {
                    assertEquals(expected[n][i][o], y.getDouble(n, i, o), 1e-12);
                }
            }
        }
    }

    @Test
    void forwardMatchesNaivePerHeadAttention() {
        assertMatchesNaive(false);
    }

    @Test
    void causalForwardMatchesNaiveMaskedAttention() {
        assertMatchesNaive(true);
    }

    @Test
    void parametersAreNamedAsTimm() {
        MultiHeadSelfAttention attn = new MultiHeadSelfAttention(4, 2, false, DataType.DOUBLE, new SplittableRandom(1));
        assertEquals(List.of("qkv.weight", "qkv.bias", "proj.weight", "proj.bias"),
                attn.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new long[] {12, 4}, attn.qkv().weight().value().shape());
        assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadSelfAttention(6, 4, false, DataType.DOUBLE, new SplittableRandom(1)));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (boolean causal : new boolean[] {false, true}) {
            MultiHeadSelfAttention attn = new MultiHeadSelfAttention(6, 2, causal, DataType.DOUBLE, new SplittableRandom(3));
            INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 3, 6);
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(attn, x, true, 5);
            assertTrue(bad.isEmpty(), () -> "causal=" + causal + " mismatches: " + bad);
        }
    }

    @Test
    void worksInFloat() {
        MultiHeadSelfAttention attn = new MultiHeadSelfAttention(4, 2, false, DataType.FLOAT, new SplittableRandom(1));
        INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(2), 1.0, 2, 3, 4);
        INDArray y = attn.forward(x, true);
        assertEquals(DataType.FLOAT, y.dataType());
        INDArray dx = attn.backward(y.dup());
        assertEquals(DataType.FLOAT, dx.dataType());
        assertArrayEquals(x.shape(), dx.shape());
        assertEquals(1.0, attn.lastAttention().sum(3).meanNumber().doubleValue(), 1e-6);
    }
}
