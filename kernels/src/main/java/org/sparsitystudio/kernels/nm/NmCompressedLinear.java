package org.sparsitystudio.kernels.nm;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.sparsity.NmMasker;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * An N:M sparse linear layer for inference, {@code y = x Wᵀ + b} with W [out, in], stored as
 * hardware formats store it: per row and group of M inputs, the N kept values and their offsets
 * inside the group (one byte each, so M ≤ 256). A last, shorter group of a row keeps
 * {@link NmPattern#keptIn(int)} entries, as {@link NmMasker} does. Every row has the same group
 * layout, so the group of each kept slot is stored once, not per row.
 *
 * <p>The product is plain Java over float arrays: each task takes a block of output rows (whose
 * values stay in cache) and runs over the batch four rows at a time, so every value and offset is
 * decoded once per four products. It gathers inputs by index, which the JIT does not vectorise;
 * expect it to lose to a dense BLAS product at mild sparsity (see NmBench).
 */
public final class NmCompressedLinear {

    /** Batch rows computed together per loaded value. */
    private static final int BATCH_TILE = 4;
    /** Kept values per task block: 64 Ki floats (256 KiB) stay in a core's L2 cache. */
    private static final int VALUES_PER_BLOCK = 1 << 16;

    private final int in;
    private final int out;
    private final NmPattern pattern;
    private final int keptPerRow;
    private final float[] values;
    private final byte[] offsets;
    private final int[] slotGroupStart;
    private final float[] bias;
    private boolean parallel = true;

    private NmCompressedLinear(int in, int out, NmPattern pattern, int keptPerRow, float[] values, byte[] offsets,
            int[] slotGroupStart, float[] bias) {
        this.in = in;
        this.out = out;
        this.pattern = pattern;
        this.keptPerRow = keptPerRow;
        this.values = values;
        this.offsets = offsets;
        this.slotGroupStart = slotGroupStart;
        this.bias = bias;
    }

    /**
     * Compresses {@code weight} [out, in] under {@code mask}: every group must keep exactly
     * {@link NmPattern#keptIn(int)} entries.
     *
     * @param bias the bias [out], or {@code null}
     * @throws IllegalArgumentException when a group keeps another number of entries, or M &gt; 256
     */
    public static NmCompressedLinear fromMasked(INDArray weight, INDArray mask, INDArray bias, NmPattern pattern) {
        if (weight.rank() != 2 || !Arrays.equals(weight.shape(), mask.shape())) {
            throw new IllegalArgumentException("need a 2-D weight and a mask of its shape, got "
                    + Arrays.toString(weight.shape()) + " and " + Arrays.toString(mask.shape()));
        }
        if (pattern.m() > 256) {
            throw new IllegalArgumentException("offsets are stored in a byte: M must be ≤ 256, got " + pattern.m());
        }
        int out = (int) weight.size(0);
        int in = (int) weight.size(1);
        float[] w = weight.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] e = mask.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] groupStarts = groupStartsOfSlots(in, pattern);
        int kept = groupStarts.length;
        float[] values = new float[out * kept];
        byte[] offsets = new byte[out * kept];
        for (int r = 0; r < out; r++) {
            int slot = 0;
            for (int g = 0; g < in; g += pattern.m()) {
                int len = Math.min(pattern.m(), in - g);
                int expected = pattern.keptIn(len);
                int found = 0;
                for (int j = 0; j < len; j++) {
                    int idx = r * in + g + j;
                    if (e[idx] != 0f) {
                        if (found < expected) {
                            values[r * kept + slot + found] = w[idx];
                            offsets[r * kept + slot + found] = (byte) j;
                        }
                        found++;
                    }
                }
                if (found != expected) {
                    throw new IllegalArgumentException(String.format(
                            "row %d, group at input %d keeps %d entries; %s needs %d", r, g, found, pattern, expected));
                }
                slot += expected;
            }
        }
        float[] b = bias == null ? null : bias.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new NmCompressedLinear(in, out, pattern, kept, values, offsets, groupStarts, b);
    }

    /** Keeps the {@code N} largest magnitudes of every group of {@code weight} (ties: lower index) and compresses. */
    public static NmCompressedLinear fromDense(INDArray weight, INDArray bias, NmPattern pattern) {
        INDArray w = weight.castTo(DataType.FLOAT).dup('c');
        INDArray mask = w.ulike();
        new NmMasker(pattern, w, mask).update();
        return fromMasked(w, mask, bias, pattern);
    }

    private static int[] groupStartsOfSlots(int in, NmPattern pattern) {
        int total = 0;
        for (int g = 0; g < in; g += pattern.m()) {
            total += pattern.keptIn(Math.min(pattern.m(), in - g));
        }
        int[] starts = new int[total];
        int slot = 0;
        for (int g = 0; g < in; g += pattern.m()) {
            int kept = pattern.keptIn(Math.min(pattern.m(), in - g));
            Arrays.fill(starts, slot, slot + kept, g);
            slot += kept;
        }
        return starts;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    public NmPattern pattern() {
        return pattern;
    }

    /** Kept weights per output row. */
    public int keptPerRow() {
        return keptPerRow;
    }

    /** Bytes held: values (4 B) and offsets (1 B) per kept weight, group starts once, the bias. */
    public long storageBytes() {
        return 5L * values.length + 4L * slotGroupStart.length + (bias == null ? 0 : 4L * bias.length);
    }

    /** Forward FLOPs per input row: a multiply and an add per kept weight, plus the bias. */
    public long forwardFlopsPerRow() {
        return 2L * out * keptPerRow + (bias == null ? 0 : out);
    }

    /** Whether products spread output-row blocks over the common fork-join pool (default true). */
    public NmCompressedLinear parallel(boolean enabled) {
        this.parallel = enabled;
        return this;
    }

    /** The weight as a dense [out, in] FLOAT array, zero where pruned. */
    public INDArray toDense() {
        float[] dense = new float[out * in];
        for (int r = 0; r < out; r++) {
            for (int k = 0; k < keptPerRow; k++) {
                int col = slotGroupStart[k] + (offsets[r * keptPerRow + k] & 0xff);
                dense[r * in + col] = values[r * keptPerRow + k];
            }
        }
        return Nd4j.createFromArray(dense).reshape('c', out, in);
    }

    /** Nonzero weights in group {@code group} of row {@code row} (the export check of N nonzeros). */
    public int nonzerosInGroup(int row, int group) {
        int start = group * pattern.m();
        int count = 0;
        for (int k = 0; k < keptPerRow; k++) {
            if (slotGroupStart[k] == start && values[row * keptPerRow + k] != 0f) {
                count++;
            }
        }
        return count;
    }

    /** Groups per row. */
    public int groupsPerRow() {
        return (in + pattern.m() - 1) / pattern.m();
    }

    /** {@code y = x Wᵀ + b} for x [batch, in]; returns a new FLOAT [batch, out]. */
    public INDArray forward(INDArray x) {
        if (x.rank() != 2 || x.size(1) != in) {
            throw new IllegalArgumentException("input must be [batch, " + in + "], got " + Arrays.toString(x.shape()));
        }
        int batch = (int) x.size(0);
        float[] xs = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] ys = new float[batch * out];
        forward(xs, batch, ys);
        return Nd4j.createFromArray(ys).reshape('c', batch, out);
    }

    /**
     * {@code y = x Wᵀ + b} on row-major arrays: {@code x} holds [batch, in], {@code y} receives
     * [batch, out] (overwritten).
     */
    public void forward(float[] x, int batch, float[] y) {
        if (x.length < batch * in || y.length < batch * out) {
            throw new IllegalArgumentException("arrays too short for batch " + batch);
        }
        int rowsPerBlock = Math.max(1, Math.min(out, VALUES_PER_BLOCK / Math.max(1, keptPerRow)));
        int blocks = (out + rowsPerBlock - 1) / rowsPerBlock;
        IntStream range = IntStream.range(0, blocks);
        (parallel && blocks > 1 ? range.parallel() : range).forEach(
                b -> block(x, batch, y, b * rowsPerBlock, Math.min(out, (b + 1) * rowsPerBlock)));
    }

    private void block(float[] x, int batch, float[] y, int rowFrom, int rowTo) {
        int kept = keptPerRow;
        int b = 0;
        for (; b + BATCH_TILE <= batch; b += BATCH_TILE) {
            int x0 = b * in;
            int x1 = x0 + in;
            int x2 = x1 + in;
            int x3 = x2 + in;
            for (int r = rowFrom; r < rowTo; r++) {
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int base = r * kept;
                for (int k = 0; k < kept; k++) {
                    float v = values[base + k];
                    int col = slotGroupStart[k] + (offsets[base + k] & 0xff);
                    s0 += v * x[x0 + col];
                    s1 += v * x[x1 + col];
                    s2 += v * x[x2 + col];
                    s3 += v * x[x3 + col];
                }
                float bb = bias == null ? 0f : bias[r];
                y[b * out + r] = s0 + bb;
                y[(b + 1) * out + r] = s1 + bb;
                y[(b + 2) * out + r] = s2 + bb;
                y[(b + 3) * out + r] = s3 + bb;
            }
        }
        for (; b < batch; b++) {
            int x0 = b * in;
            for (int r = rowFrom; r < rowTo; r++) {
                float s = 0;
                int base = r * kept;
                for (int k = 0; k < kept; k++) {
                    s += values[base + k] * x[x0 + slotGroupStart[k] + (offsets[base + k] & 0xff)];
                }
                y[b * out + r] = s + (bias == null ? 0f : bias[r]);
            }
        }
    }
}
