package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskTokensTest {

    private static INDArray mask() {
        return Nd4j.createFromArray(new double[][] {{1, 0, 0, 1}, {0, 1, 1, 1}});
    }

    @Test
    void replacesExactlyTheMaskedTokens() {
        MaskTokens layer = new MaskTokens(3, DataType.DOUBLE, new SplittableRandom(1));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 4, 3);
        layer.setMask(mask());
        INDArray y = layer.forward(x, true);
        INDArray token = layer.token().value();
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                boolean masked = mask().getDouble(b, t) == 1;
                for (int d = 0; d < 3; d++) {
                    assertEquals(masked ? token.getDouble(0, 0, d) : x.getDouble(b, t, d), y.getDouble(b, t, d), 0);
                }
            }
        }
    }

    @Test
    void withoutAMaskItIsTheIdentity() {
        MaskTokens layer = new MaskTokens(3, DataType.DOUBLE, new SplittableRandom(1));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 4, 3);
        assertSame(x, layer.forward(x, false));
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 2, 4, 3);
        assertSame(g, layer.backward(g));
        assertEquals(0, layer.token().grad().sumNumber().doubleValue(), 0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MaskTokens layer = new MaskTokens(3, DataType.DOUBLE, new SplittableRandom(4));
        layer.setMask(mask());
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 2, 4, 3);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, x, true, 6);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }
}
