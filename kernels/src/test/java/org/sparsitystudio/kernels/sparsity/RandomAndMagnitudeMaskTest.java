package org.sparsitystudio.kernels.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RandomAndMagnitudeMaskTest {

    @Test
    void randomMaskKeepsExactlyTheRoundedCount() {
        for (double d : new double[] {0.1, 0.5, 0.05, 0.02, 0.123, 1.0, 0.0}) {
            INDArray mask = RandomMask.create(d, 7, DataType.FLOAT, 300, 784);
            assertEquals(Math.round(d * 300 * 784), mask.sumNumber().longValue(), "density " + d);
            assertEquals(mask.length(), mask.eq(0).castTo(DataType.INT32).sumNumber().longValue()
                    + mask.eq(1).castTo(DataType.INT32).sumNumber().longValue(), "only zeros and ones");
        }
    }

    @Test
    void randomMaskIsFixedBySeed() {
        assertEquals(RandomMask.create(0.1, 42, DataType.FLOAT, 100, 30), RandomMask.create(0.1, 42, DataType.FLOAT, 100, 30));
        assertNotEquals(RandomMask.create(0.1, 42, DataType.FLOAT, 100, 30), RandomMask.create(0.1, 43, DataType.FLOAT, 100, 30));
    }

    @Test
    void randomMaskIsUniformOverPositions() {
        // over many seeds every position is kept about d of the time
        int[] hits = new int[40];
        for (int seed = 0; seed < 2000; seed++) {
            float[] m = RandomMask.create(0.25, seed, DataType.FLOAT, 40).toFloatVector();
            for (int i = 0; i < 40; i++) {
                hits[i] += (int) m[i];
            }
        }
        for (int h : hits) {
            assertEquals(500, h, 80); // binomial(2000, 0.25): sd ≈ 19
        }
    }

    @Test
    void magnitudeMaskPrunesSmallestWithTiesByLowerIndex() {
        INDArray w = Nd4j.createFromArray(new float[][] {{0.5f, -0.1f, 0.3f}, {0.1f, -0.9f, 0.3f}});
        // 3 of 6 pruned: 0.1 (index 1), 0.1 (index 3), then the first 0.3 (index 2)
        assertEquals(Nd4j.createFromArray(new float[][] {{1f, 0f, 0f}, {0f, 1f, 1f}}), MagnitudePruning.layerMask(w, 0.5));
        assertEquals(Nd4j.ones(DataType.FLOAT, 2, 3), MagnitudePruning.layerMask(w, 0.0));
        assertEquals(Nd4j.zeros(DataType.FLOAT, 2, 3), MagnitudePruning.layerMask(w, 1.0));
    }

    @Test
    void globalPruningUsesOneThresholdLayerWiseOnePerLayer() {
        INDArray small = Nd4j.createFromArray(0.1f, 0.2f, 0.3f, 0.4f);
        INDArray large = Nd4j.createFromArray(1f, 2f, 3f, 4f);
        List<INDArray> global = MagnitudePruning.global(List.of(small, large), 0.5);
        assertEquals(Nd4j.zeros(DataType.FLOAT, 4), global.get(0), "all small weights go first");
        assertEquals(Nd4j.ones(DataType.FLOAT, 4), global.get(1));
        List<INDArray> layerWise = MagnitudePruning.layerWise(List.of(small, large), 0.5);
        assertEquals(Nd4j.createFromArray(0f, 0f, 1f, 1f), layerWise.get(0));
        assertEquals(Nd4j.createFromArray(0f, 0f, 1f, 1f), layerWise.get(1));
        // ties across tensors: the earlier tensor's entry is pruned first
        List<INDArray> tied = MagnitudePruning.global(List.of(Nd4j.createFromArray(1f, 2f), Nd4j.createFromArray(1f, 2f)), 0.25);
        assertEquals(Nd4j.createFromArray(0f, 1f), tied.get(0));
        assertEquals(Nd4j.createFromArray(1f, 1f), tied.get(1));
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruning.global(List.of(small), 1.5));
    }
}
