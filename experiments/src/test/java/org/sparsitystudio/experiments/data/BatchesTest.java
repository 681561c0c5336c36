package org.sparsitystudio.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchesTest {

    /**
     * A data set whose values identify their position: sample i, feature c holds i + c / 1000, so
     * a wrong row or a wrong byte order shows up at once.
     */
    private static ImageDataset synthetic(int size, int features) {
        float[] pixels = new float[size * features];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            for (int c = 0; c < features; c++) {
                pixels[i * features + c] = i + c / 1000f;
            }
            labels[i] = i % 10;
        }
        return ImageDataset.of("synthetic", features, 10, pixels, labels);
    }

    /** The sample indices of one epoch, read back from the batch contents. */
    private static List<Integer> epochOrder(Batches batches, int epoch) {
        batches.startEpoch(epoch);
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < batches.batchesPerEpoch(); b++) {
            Batches.Batch batch = batches.next(b);
            for (int r = 0; r < batch.size(); r++) {
                seen.add((int) batch.features().getDouble(r, 0));
            }
        }
        return seen;
    }

    @Test
    void fullEpochHas469BatchesEndingWith96() {
        Batches batches = new Batches(synthetic(60_000, 2), 128, 7, true, DataType.FLOAT);
        assertEquals(469, batches.batchesPerEpoch());
        batches.startEpoch(0);
        boolean[] seen = new boolean[60_000];
        for (int b = 0; b < 469; b++) {
            Batches.Batch batch = batches.next(b);
            assertEquals(b < 468 ? 128 : 96, batch.size());
            assertEquals(batch.size(), batch.features().size(0));
            for (int r = 0; r < batch.size(); r++) {
                int sample = batches.sampleAt(b * 128 + r);
                assertFalse(seen[sample], "sample seen twice: " + sample);
                seen[sample] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void everySampleExactlyOncePerEpochWithPartialLastBatch() {
        Batches batches = new Batches(synthetic(300, 784), 128, 42, true, DataType.FLOAT);
        assertEquals(3, batches.batchesPerEpoch());
        batches.startEpoch(1);
        int[] sizes = {batches.next(0).size(), batches.next(1).size(), batches.next(2).size()};
        assertArrayEquals(new int[] {128, 128, 44}, sizes);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> order = epochOrder(batches, epoch);
            assertEquals(300, order.size());
            int[] sorted = order.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i = 0; i < 300; i++) {
                assertEquals(i, sorted[i], "epoch " + epoch);
            }
        }
    }

    @Test
    void sameSeedSameOrderDifferentEpochOrSeedDifferentOrder() {
        ImageDataset data = synthetic(300, 784);
        Batches a = new Batches(data, 128, 42, true, DataType.FLOAT);
        Batches b = new Batches(data, 128, 42, true, DataType.FLOAT);
        Batches c = new Batches(data, 128, 43, true, DataType.FLOAT);
        List<Integer> a0 = epochOrder(a, 0);
        List<Integer> a1 = epochOrder(a, 1);
        assertEquals(a0, epochOrder(b, 0));
        assertEquals(a1, epochOrder(b, 1));
        assertEquals(a0, epochOrder(a, 0), "an epoch can be replayed after another one");
        assertFalse(a0.equals(a1), "epochs 0 and 1 should differ");
        assertFalse(a0.equals(epochOrder(c, 0)), "seeds 42 and 43 should differ");
        List<Integer> identity = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            identity.add(i);
        }
        assertFalse(a0.equals(identity));
        assertEquals(identity, epochOrder(new Batches(data, 128, 42, false, DataType.FLOAT), 5), "shuffle off");
    }

    @Test
    void featuresAndLabelsMatchTheSourceRowsAndBuffersAreReused() {
        ImageDataset data = synthetic(300, 784);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Batches batches = new Batches(data, 128, 3, true, type);
            batches.startEpoch(2);
            INDArray fullBuffer = null;
            float[] expected = new float[784];
            for (int b = 0; b < batches.batchesPerEpoch(); b++) {
                Batches.Batch batch = batches.next(b);
                assertEquals(type, batch.features().dataType());
                assertEquals('c', batch.features().ordering());
                assertArrayEquals(new long[] {batch.size(), 784}, batch.features().shape());
                if (batch.size() == 128) {
                    if (fullBuffer != null) {
                        assertSame(fullBuffer, batch.features(), "full batches share one array");
                    }
                    fullBuffer = batch.features();
                }
                for (int r = 0; r < batch.size(); r++) {
                    int sample = batches.sampleAt(b * 128 + r);
                    data.copyRow(sample, expected, 0);
                    double[] row = batch.features().getRow(r).toDoubleVector();
                    for (int col = 0; col < 784; col++) {
                        assertEquals(expected[col], row[col], 0.0, type + " sample " + sample + " col " + col);
                    }
                    assertEquals(data.label(sample), batch.labels()[r]);
                }
            }
            assertSame(batches.next(2).features(), batches.next(2).features(), "partial batches share one array");
        }
    }

    @Test
    void batchLargerThanTheDataIsCapped() {
        Batches batches = new Batches(synthetic(50, 3), 128, 0, true, DataType.DOUBLE);
        assertEquals(1, batches.batchesPerEpoch());
        batches.startEpoch(0);
        assertEquals(50, batches.next(0).size());
        assertEquals(50, batches.batchSize());
    }
}
