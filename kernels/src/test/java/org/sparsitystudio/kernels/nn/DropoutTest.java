package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {

    @Test
    void keepsAboutHalfAndScalesTheKeptEntries() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Dropout dropout = new Dropout(0.5, 1);
            INDArray x = Nd4j.ones(type, 100, 100).muli(3.0);
            INDArray y = dropout.forward(x, true);
            long kept = 0;
            for (long i = 0; i < y.length(); i++) {
                double v = y.getDouble(i / 100, i % 100);
                assertTrue(v == 0.0 || Math.abs(v - 6.0) < 1e-6, "entries are 0 or x/(1-p): " + v);
                kept += v != 0 ? 1 : 0;
            }
            // 10 000 Bernoulli(0.5) draws: 4.5 standard deviations is ±225
            assertEquals(5000, kept, 225, type.toString());
        }
    }

    @Test
    void identityWhenNotTraining() {
        Dropout dropout = new Dropout(0.3, 2);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 4, 5);
        assertEquals(x, dropout.forward(x, false));
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 4, 5);
        assertEquals(g, dropout.backward(g));
    }

    @Test
    void backwardUsesTheMaskOfTheLastForward() {
        Dropout dropout = new Dropout(0.4, 5);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(6), 1.0, 6, 7);
        INDArray first = dropout.forward(x, true).dup();
        INDArray mask = dropout.lastMask().dup();
        INDArray second = dropout.forward(x, true).dup();
        assertNotEquals(first, second, "a fresh mask per training step");
        INDArray g = Nd4j.ones(DataType.DOUBLE, 6, 7);
        assertEquals(dropout.lastMask(), dropout.backward(g));
        assertNotEquals(mask, dropout.lastMask());
    }

    @Test
    void sameSeedSameMasks() {
        INDArray x = Nd4j.ones(DataType.DOUBLE, 3, 8);
        assertEquals(new Dropout(0.5, 9).forward(x, true), new Dropout(0.5, 9).forward(x, true));
    }

    @Test
    void frozenMaskPassesTheGradientCheck() {
        Dropout dropout = new Dropout(0.5, 7);
        dropout.freezeMask(true);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(8), 1.0, 4, 6);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(dropout, x, true, 9);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, 1));
    }
}
