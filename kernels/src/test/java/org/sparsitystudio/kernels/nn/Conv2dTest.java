package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class Conv2dTest {

    /** Direct convolution by nested loops, zero padding, PyTorch's cross-correlation. */
    private static double direct(Conv2d conv, INDArray x, int n, int f, int i, int j, int k, int stride, int pad) {
        double s = conv.bias().value().getDouble(f);
        for (int c = 0; c < x.size(1); c++) {
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    int r = i * stride - pad + u;
                    int q = j * stride - pad + v;
                    if (r >= 0 && r < x.size(2) && q >= 0 && q < x.size(3)) {
                        s += x.getDouble(n, c, r, q) * conv.weight().value().getDouble(f, c, u, v);
                    }
                }
            }
        }
        return s;
    }

    private static void assertMatchesDirect(int k, int stride, int pad, int h, int w) {
        Conv2d conv = new Conv2d(2, 3, k, stride, pad, true, DataType.DOUBLE, new SplittableRandom(1));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 2, h, w);
        INDArray y = conv.forward(x, false);
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        assertArrayEquals(new long[] {2, 3, oh, ow}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        assertEquals(direct(conv, x, n, f, i, j, k, stride, pad), y.getDouble(n, f, i, j), 1e-12,
                                "k=" + k + " stride=" + stride + " pad=" + pad);
                    }
                }
            }
        }
    }

    @Test
    void forwardMatchesDirectConvolution() {
        assertMatchesDirect(3, 1, 0, 5, 6);
        assertMatchesDirect(3, 2, 1, 5, 6);
        assertMatchesDirect(2, 2, 0, 4, 4);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (int[] cfg : new int[][] {{3, 1, 1}, {3, 2, 1}, {2, 2, 0}}) {
            Conv2d conv = new Conv2d(2, 3, cfg[0], cfg[1], cfg[2], true, DataType.DOUBLE, new SplittableRandom(3));
            INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 2, 5, 4);
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(conv, x, true, 5);
            assertTrue(bad.isEmpty(), () -> java.util.Arrays.toString(cfg) + " mismatches: " + bad);
        }
    }

    @Test
    void repeatedBackwardOverwritesGradients() {
        Conv2d conv = new Conv2d(1, 2, 3, 1, 1, true, DataType.DOUBLE, new SplittableRandom(3));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 1, 4, 4);
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 2, 2, 4, 4);
        conv.forward(x, true);
        INDArray dx = conv.backward(g).dup();
        INDArray dw = conv.weight().grad().dup();
        conv.forward(x, true);
        assertEquals(dx, conv.backward(g));
        assertEquals(dw, conv.weight().grad());
    }

    @Test
    void initFollowsPyTorchAndFloatWorks() {
        Conv2d conv = new Conv2d(4, 8, 3, 1, 1, true, DataType.FLOAT, new SplittableRandom(6));
        assertArrayEquals(new long[] {8, 4, 3, 3}, conv.weight().value().shape());
        double bound = 1 / Math.sqrt(4 * 9);
        double max = conv.weight().value().amaxNumber().doubleValue();
        assertTrue(max <= bound && max > 0.9 * bound);
        assertTrue(conv.weight().prunable() && !conv.bias().prunable());
        INDArray y = conv.forward(Init.normal(DataType.FLOAT, new SplittableRandom(7), 1.0, 2, 4, 6, 6), true);
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new long[] {2, 4, 6, 6}, conv.backward(y.dup()).shape());
    }

    @Test
    void maskedFiltersStayZeroAndGetNoGradient() {
        Conv2d conv = new Conv2d(2, 3, 3, 1, 1, true, DataType.DOUBLE, new java.util.SplittableRandom(4));
        INDArray mask = org.sparsitystudio.kernels.sparsity.RandomMask.create(0.3, 1, DataType.DOUBLE, 3, 2, 3, 3);
        conv.setMask(mask);
        INDArray pruned = mask.rsub(1);
        INDArray x = Init.normal(DataType.DOUBLE, new java.util.SplittableRandom(5), 1.0, 2, 2, 5, 5);
        conv.forward(x, true);
        conv.backward(Init.normal(DataType.DOUBLE, new java.util.SplittableRandom(6), 1.0, 2, 3, 5, 5));
        assertEquals(0.0, conv.weight().value().mul(pruned).amaxNumber().doubleValue());
        assertEquals(0.0, conv.weight().grad().mul(pruned).amaxNumber().doubleValue());
        assertEquals(0.3 * 54, mask.sumNumber().doubleValue(), 0.5);
    }
}
