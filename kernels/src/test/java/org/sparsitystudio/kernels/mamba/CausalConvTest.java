package org.sparsitystudio.kernels.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;

/** Tests of {@link CausalDepthwiseConv1d}. */
class CausalConvTest {

    @Test
    void forwardMatchesLeftPaddedDepthwiseConvolution() {
        CausalDepthwiseConv1d conv = new CausalDepthwiseConv1d(3, 4, DataType.DOUBLE, new SplittableRandom(1));
        assertArrayEquals(new long[] {3, 1, 4}, conv.weight().value().shape());
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 6, 3);
        INDArray y = conv.forward(x, false);
        INDArray w = conv.weight().value();
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                for (int e = 0; e < 3; e++) {
                    double expected = conv.bias().value().getDouble(e);
                    for (int j = 0; j < 4; j++) {
                        int src = t - 3 + j; // left padding of 3 zeros
                        if (src >= 0) {
                            expected += w.getDouble(e, 0, j) * x.getDouble(b, src, e);
                        }
                    }
                    assertEquals(expected, y.getDouble(b, t, e), 1e-14);
                }
            }
        }
        assertEquals(2L * 6 * 3 * 9, conv.lastForwardFlops());
    }

    @Test
    void outputAtTIgnoresLaterInputs() {
        CausalDepthwiseConv1d conv = new CausalDepthwiseConv1d(2, 4, DataType.DOUBLE, new SplittableRandom(3));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 1, 8, 2);
        INDArray y = conv.forward(x, false).dup();
        INDArray x2 = x.dup();
        x2.putScalar(new long[] {0, 5, 0}, 100.0);
        x2.putScalar(new long[] {0, 5, 1}, -100.0);
        INDArray y2 = conv.forward(x2, false);
        for (int t = 0; t < 5; t++) {
            assertEquals(y.getDouble(0, t, 0), y2.getDouble(0, t, 0), 0.0);
            assertEquals(y.getDouble(0, t, 1), y2.getDouble(0, t, 1), 0.0);
        }
        assertTrue(Math.abs(y.getDouble(0, 5, 0) - y2.getDouble(0, 5, 0)) > 1e-3);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        CausalDepthwiseConv1d conv = new CausalDepthwiseConv1d(3, 4, DataType.DOUBLE, new SplittableRandom(5));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(6), 1.0, 2, 7, 3);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(conv, x, true, 7);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void skippedInputGradientStillGivesParameterGradients() {
        CausalDepthwiseConv1d conv = new CausalDepthwiseConv1d(2, 4, DataType.FLOAT, new SplittableRandom(8));
        INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(9), 1.0, 2, 5, 2);
        conv.setInputGradientRequired(false);
        conv.forward(x, true);
        assertNull(conv.backward(Init.normal(DataType.FLOAT, new SplittableRandom(10), 1.0, 2, 5, 2)));
        assertTrue(conv.weight().grad().amaxNumber().doubleValue() > 0);
        assertTrue(conv.bias().grad().amaxNumber().doubleValue() > 0);
    }
}
