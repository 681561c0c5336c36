package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TopKActivationTest {

    private static int nonzeros(INDArray row) {
        int count = 0;
        for (long j = 0; j < row.length(); j++) {
            if (row.getDouble(j) != 0) {
                count++;
            }
        }
        return count;
    }

    @Test
    void keepsExactlyTheKLargestOfEveryToken() {
        int width = 32;
        int k = 5;
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.0, 3, 7, width);
        INDArray y = TopKActivation.ofCount(k).forward(x, true);
        assertArrayEquals(x.shape(), y.shape());
        INDArray rows = x.reshape(21, width);
        INDArray out = y.reshape(21, width);
        for (int r = 0; r < 21; r++) {
            double[] values = rows.getRow(r).toDoubleVector();
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double kth = sorted[width - k];
            int positive = (int) Arrays.stream(values).filter(v -> v > 0).count();
            assertEquals(Math.min(k, positive), nonzeros(out.getRow(r)), "row " + r);
            for (int j = 0; j < width; j++) {
                double expected = values[j] >= kth && values[j] > 0 ? values[j] : 0;
                assertEquals(expected, out.getDouble(r, j), 0.0, "row " + r + ", unit " + j);
            }
        }
    }

    @Test
    void rowsWithFewerPositivesThanKKeepOnlyThePositives() {
        INDArray x = Nd4j.createFromArray(new double[][] {{-1, 2, -3, 0, 0.5, -0.1}, {-1, -2, -3, -4, -5, -6}});
        INDArray y = TopKActivation.ofCount(4).forward(x, true);
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 2, 0, 0, 0.5, 0}, {0, 0, 0, 0, 0, 0}}), y);
    }

    @Test
    void tiesNeverExceedK() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1, 1}, {3, 1, 1, 1, 2, 1}});
        INDArray y = TopKActivation.ofCount(3).forward(x, true);
        // ties at the k-th value go to the lower indices
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 1, 1, 0, 0, 0}, {3, 1, 0, 0, 2, 0}}), y);
    }

    @Test
    void fractionIsRoundedOnTheWidthAndKAtLeastOne() {
        assertEquals(16, TopKActivation.ofFraction(1.0 / 16).k(256));
        assertEquals(1, TopKActivation.ofFraction(0.01).k(10));
        assertEquals(10, TopKActivation.ofCount(50).k(10));
        assertThrows(IllegalArgumentException.class, () -> TopKActivation.ofCount(0));
        assertThrows(IllegalArgumentException.class, () -> TopKActivation.ofFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> MlpActivation.topKFraction(0));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 5, 12);
        for (TopKActivation layer : List.of(TopKActivation.ofCount(3), TopKActivation.ofFraction(0.5))) {
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, x, true, 3);
            assertTrue(bad.isEmpty(), () -> layer + " mismatches: " + bad);
        }
    }

    @Test
    void gradientFlowsOnlyThroughKeptEntries() {
        TopKActivation layer = TopKActivation.ofCount(2);
        INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -1, 2, 1}});
        layer.forward(x, true);
        INDArray g = layer.backward(Nd4j.createFromArray(new double[][] {{10, 20, 30, 40}}));
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 0, 30, 40}}), g);
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 0, 1, 1}}), layer.lastMask());
    }

    @Test
    void floatMatchesDouble() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 6, 40);
        INDArray d = TopKActivation.ofCount(7).forward(x, false).dup();
        INDArray f = TopKActivation.ofCount(7).forward(x.castTo(DataType.FLOAT), false);
        assertEquals(DataType.FLOAT, f.dataType());
        assertTrue(d.castTo(DataType.FLOAT).equalsWithEps(f, 1e-6));
    }

    @Test
    void viewsAreReadAsTheirOwnValues() {
        INDArray big = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 4, 10);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray expected = TopKActivation.ofCount(3).forward(view.dup(), false).dup();
        assertEquals(expected, TopKActivation.ofCount(3).forward(view, false));
    }

    @Test
    void quickselectFindsTheKthLargest() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(40);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(8); // many ties
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = 1 + rng.nextInt(n);
            double[] row = new double[n + 3];
            for (int i = 0; i < n; i++) {
                row[3 + i] = values[i] - 3; // ties, negatives and zeros
            }
            double[] positives = java.util.Arrays.stream(row, 3, n + 3).filter(v -> v > 0).sorted().toArray();
            double expected = positives.length < k ? 0 : positives[positives.length - k];
            assertEquals(expected, TopKActivation.kthLargestPositive(row, 3, n, k, new double[k]), "k = " + k);
            assertEquals(sorted[n - k], TopKActivation.kthLargest(values, n, k));
        }
    }

    @Test
    void wideRowsWithTiesUseTheHeapAndStillKeepExactlyK() {
        double[][] values = new double[3][64];
        for (int j = 0; j < 64; j++) {
            values[0][j] = j % 4; // 16 each of 0, 1, 2, 3
            values[1][j] = 1;
            values[2][j] = j < 3 ? 5 : -1;
        }
        INDArray y = TopKActivation.ofCount(4).forward(Nd4j.createFromArray(values), false);
        assertEquals(4, nonzeros(y.getRow(0)));
        assertEquals(12.0, y.getRow(0).sumNumber().doubleValue(), "the four 3s");
        assertEquals(4, nonzeros(y.getRow(1)));
        assertEquals(1.0, y.getDouble(1, 0), "ties go to the lowest indices");
        assertEquals(3, nonzeros(y.getRow(2)));
    }

    @Test
    void transformerBlockWithTopKHasAtMostKNonzerosAndCorrectGradients() {
        TransformerBlock block = new TransformerBlock(4, 2, 10, MlpActivation.topK(3), false, DataType.DOUBLE,
                new SplittableRandom(7));
        TransformerBlockTest.randomiseNorms(block);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(8), 1.0, 2, 3, 4);
        block.forward(x, true);
        INDArray hidden = block.lastMlpActivation().reshape(6, 10);
        for (int r = 0; r < 6; r++) {
            assertTrue(nonzeros(hidden.getRow(r)) <= 3);
        }
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(block, x, true, 9);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void probesFindOneActivationPerBlockAndPerHiddenLayer() {
        VisionTransformer.Config config = new VisionTransformer.Config(1, 8, 8, 4, 8, 3, 2, 16, 3,
                MlpActivation.topK(4));
        Sequential vit = VisionTransformer.of(config, DataType.DOUBLE, 1);
        List<ActivationProbe> probes = ActivationProbe.find(vit);
        assertEquals(3, probes.size());
        vit.forward(Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 64), false);
        int block = 0;
        for (Layer layer : vit.layers()) {
            if (layer instanceof TransformerBlock b) {
                assertSame(b.lastMlpActivation(), probes.get(block++).lastActivation());
                assertArrayEquals(new long[] {2, 5, 16}, b.lastMlpActivation().shape());
            }
        }
        Sequential mlp = Mlp.of(12, new int[] {7, 5}, 3, MlpActivation.gelu(), DataType.DOUBLE, 1);
        assertEquals(2, ActivationProbe.find(mlp).size());
        assertTrue(ActivationProbe.find(mlp).get(0) instanceof Gelu);
    }

    @Test
    void reluMlpIsUnchangedByTheActivationOverload() {
        Sequential a = Mlp.of(12, new int[] {7}, 3, DataType.DOUBLE, 4);
        Sequential b = Mlp.of(12, new int[] {7}, 3, MlpActivation.relu(), DataType.DOUBLE, 4);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 2, 12);
        assertEquals(a.forward(x, false), b.forward(x, false));
    }
}
