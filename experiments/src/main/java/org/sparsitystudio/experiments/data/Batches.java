package org.sparsitystudio.experiments.data;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded shuffling and batching of an {@link ImageDataset} into preallocated ND4J arrays: one
 * buffer for full batches and one for the smaller last batch, filled by bulk copies. The order of
 * epoch {@code e} is a Fisher–Yates permutation from a generator seeded by (seed, e), so a run is
 * reproducible and any epoch can be replayed on its own.
 */
public final class Batches {

    private final ImageDataset data;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final int[] order;
    private final INDArray full;
    private final INDArray last;
    private final int[] labels;
    private final FloatBuffer fullFloats;
    private final FloatBuffer lastFloats;
    private final DoubleBuffer fullDoubles;
    private final DoubleBuffer lastDoubles;
    private final double[] doubleRow;

    public Batches(ImageDataset data, int batchSize, long seed, boolean shuffle, DataType type) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("batches are FLOAT or DOUBLE, got " + type);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, Math.max(1, data.size()));
        this.seed = seed;
        this.shuffle = shuffle;
        this.order = new int[data.size()];
        int remainder = data.size() % this.batchSize;
        this.full = Nd4j.create(type, this.batchSize, data.features());
        this.last = remainder == 0 ? null : Nd4j.create(type, remainder, data.features());
        this.labels = new int[this.batchSize];
        boolean isFloat = type == DataType.FLOAT;
        this.fullFloats = isFloat ? full.data().asNioFloat() : null;
        this.lastFloats = isFloat && last != null ? last.data().asNioFloat() : null;
        this.fullDoubles = isFloat ? null : full.data().asNioDouble();
        this.lastDoubles = isFloat || last == null ? null : last.data().asNioDouble();
        this.doubleRow = isFloat ? null : new double[data.features()];
        startEpoch(0);
    }

    public ImageDataset data() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Sets the sample order for epoch {@code epoch} (0-based). */
    public void startEpoch(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (!shuffle) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** The sample index at {@code position} of the current epoch's order. */
    public int sampleAt(int position) {
        return order[position];
    }

    /** Fills and returns batch {@code index} (0-based) of the current epoch. */
    public Batch next(int index) {
        int from = index * batchSize;
        if (index < 0 || from >= data.size()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchesPerEpoch());
        }
        int size = Math.min(batchSize, data.size() - from);
        boolean isLast = size < batchSize;
        INDArray target = isLast ? last : full;
        int features = data.features();
        float[] pixels = data.pixels();
        for (int r = 0; r < size; r++) {
            int sample = order[from + r];
            labels[r] = data.labels()[sample];
            if (fullFloats != null) {
                (isLast ? lastFloats : fullFloats).put(r * features, pixels, sample * features, features);
            } else {
                for (int c = 0; c < features; c++) {
                    doubleRow[c] = pixels[sample * features + c];
                }
                (isLast ? lastDoubles : fullDoubles).put(r * features, doubleRow, 0, features);
            }
        }
        return new Batch(target, labels, size);
    }
}
