package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class PositionalEmbeddingTest {

    @Test
    void prependsClassTokenAndAddsPositions() {
        PositionalEmbedding embed = new PositionalEmbedding(3, 4, true, DataType.DOUBLE, new SplittableRandom(1));
        assertEquals(List.of("cls_token", "pos_embed"), embed.parameters().stream().map(Parameter::name).toList());
        INDArray cls = embed.parameters().get(0).value();
        INDArray pos = embed.parameters().get(1).value();
        assertArrayEquals(new long[] {1, 1, 4}, cls.shape());
        assertArrayEquals(new long[] {1, 4, 4}, pos.shape());
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 3, 4);
        INDArray y = embed.forward(x, false);
        assertArrayEquals(new long[] {2, 4, 4}, y.shape());
        for (int b = 0; b < 2; b++) {
            for (int d = 0; d < 4; d++) {
                assertEquals(cls.getDouble(0, 0, d) + pos.getDouble(0, 0, d), y.getDouble(b, 0, d), 1e-15);
                for (int t = 0; t < 3; t++) {
                    assertEquals(x.getDouble(b, t, d) + pos.getDouble(0, t + 1, d), y.getDouble(b, t + 1, d), 1e-15);
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesWithAndWithoutClassToken() {
        for (boolean withCls : new boolean[] {true, false}) {
            PositionalEmbedding embed = new PositionalEmbedding(3, 4, withCls, DataType.DOUBLE, new SplittableRandom(3));
            INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 3, 4);
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(embed, x, true, 5);
            assertTrue(bad.isEmpty(), () -> "withCls=" + withCls + " mismatches: " + bad);
        }
    }
}
