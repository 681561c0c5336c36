package org.sparsitystudio.kernels.nm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.sparsity.NmMasker;
import org.sparsitystudio.kernels.sparsity.NmPattern;

class NmCompressedLinearTest {

    @Test
    void storesValuesAndInGroupOffsets() {
        INDArray w = Nd4j.createFromArray(new float[][] {{0.5f, -0.1f, 0.3f, 0.2f, 0f, 9f, -8f, 1f}});
        NmCompressedLinear c = NmCompressedLinear.fromDense(w, null, new NmPattern(2, 4));
        assertEquals(4, c.keptPerRow());
        assertEquals(Nd4j.createFromArray(new float[][] {{0.5f, 0f, 0.3f, 0f, 0f, 9f, -8f, 0f}}), c.toDense());
        assertEquals(5L * 4 + 4L * 4, c.storageBytes());
        assertEquals(2, c.nonzerosInGroup(0, 0));
        assertEquals(2 * 4, c.forwardFlopsPerRow());
    }

    @Test
    void productEqualsTheMaskedDenseLayer() {
        for (String text : List.of("2:4", "1:8", "1:32", "2:32", "4:16")) {
            NmPattern p = NmPattern.parse(text);
            // 100 inputs leave a shorter last group for every M here; 7 rows of batch leave a tail of the tile of four
            Linear dense = new Linear(100, 37, true, DataType.FLOAT, new SplittableRandom(text.hashCode()));
            INDArray mask = dense.weight().value().ulike();
            new NmMasker(p, dense.weight().value(), mask).update();
            dense.setMask(mask, PrunedWeightRule.DROP);
            NmCompressedLinear c = NmCompressedLinear.fromMasked(dense.weight().value(), mask, dense.bias().value(), p);
            INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(7), 1.0, 7, 100);
            INDArray expected = dense.forward(x, false);
            assertTrue(expected.equalsWithEps(c.forward(x), 1e-5), text);
            assertTrue(expected.equalsWithEps(c.parallel(false).forward(x), 1e-5), text + " sequential");
            assertEquals(dense.weight().value(), c.toDense());
        }
    }

    @Test
    void largeLayerSplitsIntoParallelBlocksAndStillAgrees() {
        NmPattern p = new NmPattern(2, 4);
        Linear dense = new Linear(512, 600, false, DataType.FLOAT, new SplittableRandom(3));
        NmCompressedLinear c = NmCompressedLinear.fromDense(dense.weight().value(), null, p);
        dense.setMask(c.toDense().neq(0).castTo(DataType.FLOAT), PrunedWeightRule.DROP);
        INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(4), 1.0, 9, 512);
        assertTrue(dense.forward(x, false).equalsWithEps(c.forward(x), 1e-4));
    }

    @Test
    void rejectsGroupsThatKeepTheWrongCount() {
        INDArray w = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}});
        INDArray threeKept = Nd4j.createFromArray(new float[][] {{1, 1, 1, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NmCompressedLinear.fromMasked(w, threeKept, null, new NmPattern(2, 4)));
        assertTrue(e.getMessage().contains("keeps 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NmCompressedLinear.fromMasked(Nd4j.zeros(DataType.FLOAT, 1, 512), Nd4j.zeros(DataType.FLOAT, 1, 512),
                        null, new NmPattern(1, 512)));
    }
}
