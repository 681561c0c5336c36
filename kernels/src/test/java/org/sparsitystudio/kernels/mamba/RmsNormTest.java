package org.sparsitystudio.kernels.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;

class RmsNormTest {

    @Test
    void forwardMatchesDefinition() {
        RmsNorm norm = new RmsNorm(2, DataType.DOUBLE);
        norm.weight().value().assign(Nd4j.createFromArray(2.0, -1.0));
        // rows (3, 4): mean of squares 12.5; (0, 0): only eps
        INDArray y = norm.forward(Nd4j.createFromArray(new double[][] {{3, 4}, {0, 0}}), false);
        double r = 1 / Math.sqrt(12.5 + 1e-5);
        assertArrayEquals(new double[] {6 * r, -4 * r}, y.getRow(0).toDoubleVector(), 1e-14);
        assertArrayEquals(new double[] {0, 0}, y.getRow(1).toDoubleVector(), 0.0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RmsNorm norm = new RmsNorm(6, DataType.DOUBLE);
        norm.weight().value().assign(Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.0, 6));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 3, 6);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(norm, x, true, 3);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void floatInputKeepsTypeAndShape() {
        RmsNorm norm = new RmsNorm(4, DataType.FLOAT);
        INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(4), 1.0, 2, 3, 4);
        INDArray y = norm.forward(x, true);
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(x.shape(), y.shape());
        // unit weight: every row has root mean square ≈ 1
        INDArray rms = y.mul(y).mean(2);
        assertEquals(1.0, rms.minNumber().doubleValue(), 1e-4);
        assertEquals(1.0, rms.maxNumber().doubleValue(), 1e-4);
        assertArrayEquals(x.shape(), norm.backward(y.dup()).shape());
    }
}
