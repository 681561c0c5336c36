package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TokenPoolingTest {

    @Test
    void clsTakesTokenZeroAndMeanAveragesTokens() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.0, 2, 3, 4);
        INDArray cls = new TokenPooling(TokenPooling.Mode.CLS).forward(x, false);
        INDArray mean = new TokenPooling(TokenPooling.Mode.MEAN).forward(x, false);
        for (int b = 0; b < 2; b++) {
            for (int d = 0; d < 4; d++) {
                assertEquals(x.getDouble(b, 0, d), cls.getDouble(b, d));
                double m = (x.getDouble(b, 0, d) + x.getDouble(b, 1, d) + x.getDouble(b, 2, d)) / 3;
                assertEquals(m, mean.getDouble(b, d), 1e-15);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (TokenPooling.Mode mode : TokenPooling.Mode.values()) {
            INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 3, 4);
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(new TokenPooling(mode), x, true, 3);
            assertTrue(bad.isEmpty(), () -> mode + " mismatches: " + bad);
        }
    }
}
