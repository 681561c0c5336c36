package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerNormTest {

    private static INDArray randomised(LayerNorm norm, long seed) {
        // non-trivial gain and bias so their gradients and use are exercised
        norm.weight().value().assign(Init.normal(DataType.DOUBLE, new SplittableRandom(seed), 1.0, norm.weight().size()));
        norm.bias().value().assign(Init.normal(DataType.DOUBLE, new SplittableRandom(seed + 1), 1.0, norm.bias().size()));
        return norm.weight().value();
    }

    @Test
    void forwardMatchesTheFormulaOnRank3() {
        LayerNorm norm = new LayerNorm(5, DataType.DOUBLE);
        assertEquals(5.0, norm.weight().value().sumNumber().doubleValue(), "gain starts at 1");
        assertEquals(0.0, norm.bias().value().sumNumber().doubleValue(), "bias starts at 0");
        randomised(norm, 3);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 2.0, 2, 3, 5);
        INDArray y = norm.forward(x, false);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                double mean = 0;
                for (int i = 0; i < 5; i++) {
                    mean += x.getDouble(b, t, i) / 5;
                }
                double var = 0;
                for (int i = 0; i < 5; i++) {
                    var += Math.pow(x.getDouble(b, t, i) - mean, 2) / 5;
                }
                for (int i = 0; i < 5; i++) {
                    double expected = (x.getDouble(b, t, i) - mean) / Math.sqrt(var + 1e-5)
                            * norm.weight().value().getDouble(i) + norm.bias().value().getDouble(i);
                    assertEquals(expected, y.getDouble(b, t, i), 1e-12);
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnRank2And3() {
        LayerNorm norm = new LayerNorm(6, DataType.DOUBLE);
        randomised(norm, 5);
        List<GradientCheck.Mismatch> bad2 = GradientCheck.standard()
                .check(norm, Init.normal(DataType.DOUBLE, new SplittableRandom(6), 1.0, 4, 6), true, 7);
        assertTrue(bad2.isEmpty(), () -> "rank 2 mismatches: " + bad2);
        List<GradientCheck.Mismatch> bad3 = GradientCheck.standard()
                .check(norm, Init.normal(DataType.DOUBLE, new SplittableRandom(8), 1.0, 2, 3, 6), true, 9);
        assertTrue(bad3.isEmpty(), () -> "rank 3 mismatches: " + bad3);
    }

    @Test
    void worksInFloat() {
        LayerNorm norm = new LayerNorm(4, DataType.FLOAT);
        INDArray y = norm.forward(Init.normal(DataType.FLOAT, new SplittableRandom(1), 1.0, 3, 4), true);
        assertEquals(DataType.FLOAT, y.dataType());
        assertEquals(0.0, y.sumNumber().doubleValue(), 1e-5, "rows are centred");
        assertEquals(DataType.FLOAT, norm.backward(y.dup()).dataType());
    }
}
