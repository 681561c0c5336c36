package org.sparsitystudio.experiments.data;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic, seeded mini-batches of an {@link ImageDataset}, written into preallocated ND4J
 * arrays.
 *
 * <p>Each epoch visits every sample exactly once. With shuffling, epoch {@code e}'s order is a
 * Fisher–Yates permutation drawn from a {@link SplittableRandom} seeded with a mix of
 * {@code (seed, e)}: it depends only on the seed and the epoch number, so an epoch can be
 * replayed on its own, and different epochs get different orders. (PyTorch's {@code randperm}
 * order cannot be reproduced; only the recipe is.)
 *
 * <p>Only two feature arrays ever exist, because ND4J allocation costs about as much as a layer's
 * GEMM: one [batchSize, features] array for full batches and one for the final partial batch.
 * A {@link Batch} is valid until the next call to {@link #next(int)} that returns a batch of the
 * same size. Not thread-safe.
 */
public final class Batches {

    /**
     * One mini-batch. The arrays are reused by later calls.
     *
     * @param features [size, features] values, C order, owned by the {@link Batches}
     * @param labels class indices; only the first {@code size} entries belong to this batch
     * @param size number of samples
     */
    public record Batch(INDArray features, int[] labels, int size) {
    }

    private final ImageDataset data;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final DataType type;
    private final int[] order;
    private final int[] labels;
    private final INDArray full;
    private final INDArray partial;
    private final FloatBuffer fullFloats;
    private final FloatBuffer partialFloats;
    private final DoubleBuffer fullDoubles;
    private final DoubleBuffer partialDoubles;
    private final double[] rowScratch;
    private int epoch = -1;

    /**
     * Prepares batching; call {@link #startEpoch(int)} before the first {@link #next(int)}.
     *
     * @param type {@link DataType#FLOAT} for training, {@link DataType#DOUBLE} for gradient checks
     */
    @SuppressWarnings("try") // the workspace scope is used only for its effect on allocation
    public Batches(ImageDataset data, int batchSize, long seed, boolean shuffle, DataType type) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.name() + " is empty: nothing to batch");
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("batches are FLOAT or DOUBLE, not " + type);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.seed = seed;
        this.shuffle = shuffle;
        this.type = type;
        this.order = new int[data.size()];
        this.labels = new int[this.batchSize];
        int rest = data.size() % this.batchSize;
        // Detached from any workspace the caller may be in: these arrays outlive every step.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.full = Nd4j.create(type, this.batchSize, data.features());
            this.partial = rest == 0 ? null : Nd4j.create(type, rest, data.features());
        }
        // The NIO views are made once: asNio* builds a new wrapper object on each call.
        boolean isFloat = type == DataType.FLOAT;
        this.fullFloats = isFloat ? full.data().asNioFloat() : null;
        this.partialFloats = isFloat && partial != null ? partial.data().asNioFloat() : null;
        this.fullDoubles = isFloat ? null : full.data().asNioDouble();
        this.partialDoubles = !isFloat && partial != null ? partial.data().asNioDouble() : null;
        this.rowScratch = isFloat ? null : new double[data.features()];
    }

    /** The data set being batched. */
    public ImageDataset data() {
        return data;
    }

    /** Samples per full batch (the requested size, capped at the data set size). */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch, the last one possibly partial: {@code ceil(size / batchSize)}. */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The element type of the feature arrays. */
    public DataType dataType() {
        return type;
    }

    /** The epoch set by the last {@link #startEpoch(int)}, or −1 before the first. */
    public int epoch() {
        return epoch;
    }

    /** Sets the sample order for {@code epoch} (0-based or 1-based, as the caller counts). */
    public void startEpoch(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            // Fisher–Yates, from the last position down, as in Knuth's Algorithm P.
            SplittableRandom rng = new SplittableRandom(epochSeed(seed, epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        this.epoch = epoch;
    }

    /** The sample index at {@code position} of the current epoch's order. */
    public int sampleAt(int position) {
        return order[position];
    }

    /**
     * Fills and returns batch {@code index} ({@code 0..batchesPerEpoch()-1}) of the current epoch.
     * Batches may be requested in any order and repeatedly.
     */
    public Batch next(int index) {
        if (epoch < 0) {
            throw new IllegalStateException("call startEpoch before next");
        }
        if (index < 0 || index >= batchesPerEpoch()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchesPerEpoch());
        }
        int start = index * batchSize;
        int size = Math.min(batchSize, order.length - start);
        boolean isFull = size == batchSize;
        INDArray features = isFull ? full : partial;
        int width = data.features();
        float[] src = data.pixelsView();
        if (type == DataType.FLOAT) {
            FloatBuffer dst = isFull ? fullFloats : partialFloats;
            for (int r = 0; r < size; r++) {
                int sample = order[start + r];
                dst.put(r * width, src, sample * width, width);
                labels[r] = data.label(sample);
            }
        } else {
            DoubleBuffer dst = isFull ? fullDoubles : partialDoubles;
            for (int r = 0; r < size; r++) {
                int sample = order[start + r];
                int from = sample * width;
                for (int c = 0; c < width; c++) {
                    rowScratch[c] = src[from + c];
                }
                dst.put(r * width, rowScratch, 0, width);
                labels[r] = data.label(sample);
            }
        }
        return new Batch(features, labels, size);
    }

    /**
     * Mixes seed and epoch into one well-spread seed. Plain {@code seed + epoch} would not do:
     * {@link SplittableRandom} streams whose seeds differ by its internal increment are shifted
     * copies of each other.
     */
    static long epochSeed(long seed, int epoch) {
        return mix64(seed ^ mix64(0x9E3779B97F4A7C15L * (epoch + 1L)));
    }

    /** Stafford's variant 13 finaliser, as used inside SplittableRandom. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
