package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeluTest {

    /** erf by its Maclaurin series, accurate to ~1e-14 for |x| ≤ 3. */
    static double erf(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 80; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    @Test
    void forwardIsTheExactErfForm() {
        double[] points = {-3, -1, -0.5, 0, 0.3, 1, 2, 3};
        INDArray y = new Gelu().forward(Nd4j.createFromArray(points).reshape(2, 4), false);
        for (int i = 0; i < points.length; i++) {
            assertEquals(gelu(points[i]), y.getDouble(i / 4, i % 4), 1e-12, "x = " + points[i]);
        }
        // PyTorch reference value: torch.nn.GELU()(torch.tensor(-1.)) = -0.15865525
        assertEquals(-0.15865525393145707, y.getDouble(0, 1), 1e-12);
    }

    @Test
    void floatGivesTheSameValues() {
        INDArray y = new Gelu().forward(Nd4j.createFromArray(new float[] {-1f, 0.5f, 2f}).reshape(1, 3), false);
        assertEquals(DataType.FLOAT, y.dataType());
        assertEquals(gelu(0.5), y.getDouble(0, 1), 1e-6);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.5, 2, 3, 5);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(new Gelu(), x, true, 2);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }
}
