package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FlattenAndReshapeTest {

    @Test
    void flattenIsRowMajorAndItsGradientRestoresTheShape() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.0, 2, 3, 2, 2);
        Flatten flatten = new Flatten();
        INDArray y = flatten.forward(x, true);
        assertArrayEquals(new long[] {2, 12}, y.shape());
        assertEquals(x.getDouble(1, 2, 1, 0), y.getDouble(1, 2 * 4 + 1 * 2));
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(flatten, x, true, 2);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void reshapeGivesSamplesAShape() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 2, 16);
        Reshape reshape = new Reshape(1, 4, 4);
        INDArray y = reshape.forward(x, true);
        assertArrayEquals(new long[] {2, 1, 4, 4}, y.shape());
        assertEquals(x.getDouble(1, 6), y.getDouble(1, 0, 1, 2));
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(reshape, x, true, 4);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }
}
