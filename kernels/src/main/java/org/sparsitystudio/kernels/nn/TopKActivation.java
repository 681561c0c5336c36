package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Top-k ReLU (Li et al., ICLR 2023): per token (every row along the last dimension) the
 * activations are passed through ReLU and only the {@code k} largest are kept, the rest set to
 * zero. The gradient flows only through the kept entries, which is the exact derivative wherever
 * the selection does not change under a small perturbation (no ties at the k-th value).
 *
 * <p>Ties at the k-th largest value are broken towards lower indices, so that a row never has more
 * than {@code k} nonzeros and the result does not depend on the selection algorithm. A row with
 * fewer than {@code k} positive entries keeps all of them: Top-k never revives what ReLU zeroes.
 *
 * <p>The selection runs in Java over heap copies of the rows (one bulk copy, a quickselect per
 * row): ND4J has no per-row top-k that returns a mask, and its sort-based ops would allocate per
 * call. Works in FLOAT (training) and DOUBLE (gradient checks).
 */
public final class TopKActivation implements Layer, ActivationProbe {

    private final int count;
    private final double fraction;

    private INDArray output;
    private INDArray mask;
    private INDArray gradInput;
    private double[] rows = new double[0];
    private double[] kept = new double[0];
    private double[] scratch = new double[0];
    private float[] floats;

    private TopKActivation(int count, double fraction) {
        this.count = count;
        this.fraction = fraction;
    }

    /** Keeps the {@code k} largest activations of every token. */
    public static TopKActivation ofCount(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        return new TopKActivation(k, Double.NaN);
    }

    /**
     * Keeps {@code round(fraction · width)} activations of every token (at least one), the width
     * being read from the input, so one setting serves MLPs of any width.
     */
    public static TopKActivation ofFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must lie in (0, 1], got " + fraction);
        }
        return new TopKActivation(0, fraction);
    }

    /** The number of activations kept per token for rows of {@code width} entries. */
    public int k(int width) {
        int k = Double.isNaN(fraction) ? count : (int) Math.max(1, Math.round(fraction * width));
        return Math.min(k, width);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        DataType type = input.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("Top-k supports FLOAT and DOUBLE, got " + type);
        }
        // the NIO views below read the buffer from its start: a view or an F-order array would be misread
        INDArray x = input.isView() || input.ordering() != 'c' || input.offset() != 0 ? input.dup('c') : input;
        int n = Math.toIntExact(x.length());
        int width = Math.toIntExact(x.size(x.rank() - 1));
        output = Buffers.ensure(output, type, x.shape());
        if (rows.length < n) {
            rows = new double[n];
            kept = new double[n];
        }
        if (type == DataType.FLOAT && (floats == null || floats.length < n)) {
            floats = new float[n];
        }
        if (scratch.length < width) {
            scratch = new double[width];
        }
        read(x, n);
        int k = k(width);
        for (int start = 0; start < n; start += width) {
            selectRow(start, width, k);
        }
        write(output, n);
        return output;
    }

    /** Writes one row's surviving values into {@code kept}, zeros elsewhere. */
    private void selectRow(int start, int width, int k) {
        double threshold;
        if (k * 8 <= width) {
            threshold = kthLargestPositive(rows, start, width, k, scratch);
        } else {
            int positive = 0;
            for (int j = 0; j < width; j++) {
                if (rows[start + j] > 0) {
                    scratch[positive++] = rows[start + j];
                }
            }
            threshold = positive <= k ? 0 : kthLargest(scratch, positive, k);
        }
        if (threshold == 0) {
            // at most k positives: ReLU alone
            for (int j = 0; j < width; j++) {
                kept[start + j] = Math.max(0, rows[start + j]);
            }
            return;
        }
        // every entry above the k-th largest is kept, entries equal to it fill up to k
        int above = 0;
        for (int j = 0; j < width; j++) {
            if (rows[start + j] > threshold) {
                above++;
            }
        }
        int tiesAllowed = k - above;
        for (int j = 0; j < width; j++) {
            double v = rows[start + j];
            boolean keep = v > threshold || (v == threshold && tiesAllowed-- > 0);
            kept[start + j] = keep ? v : 0;
        }
    }

    /**
     * The k-th largest positive entry of {@code rows[start..start+width)}, or 0 when there are at
     * most k positives, by a min-heap of the k largest seen so far. For small k most entries fail
     * the one comparison with the heap's root, a well-predicted branch, which makes this about
     * twice as fast as quickselect on random rows; for large k quickselect wins.
     */
    static double kthLargestPositive(double[] rows, int start, int width, int k, double[] heap) {
        int size = 0;
        double min = 0;
        for (int j = 0; j < width; j++) {
            double v = rows[start + j];
            if (v <= min) {
                continue;
            }
            int i;
            if (size < k) {
                i = size++;
                while (i > 0 && heap[(i - 1) >>> 1] > v) {
                    heap[i] = heap[(i - 1) >>> 1];
                    i = (i - 1) >>> 1;
                }
            } else {
                i = 0;
                while (true) {
                    int c = 2 * i + 1;
                    if (c >= k) {
                        break;
                    }
                    if (c + 1 < k && heap[c + 1] < heap[c]) {
                        c++;
                    }
                    if (heap[c] >= v) {
                        break;
                    }
                    heap[i] = heap[c];
                    i = c;
                }
            }
            heap[i] = v;
            min = size == k ? heap[0] : 0;
        }
        return size == k ? heap[0] : 0;
    }

    /** The k-th largest of {@code values[0..n)} by quickselect; reorders the array. */
    static double kthLargest(double[] values, int n, int k) {
        int target = k - 1;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            // median of three keeps sorted or constant rows from degrading to quadratic time
            int mid = (lo + hi) >>> 1;
            double pivot = median(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] > pivot) {
                    i++;
                }
                while (values[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return values[target];
            }
        }
        return values[target];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** Copies the input into {@code rows}; floats in one bulk read, as element-wise NIO access is slow. */
    private void read(INDArray x, int n) {
        if (x.dataType() == DataType.FLOAT) {
            x.data().asNioFloat().get(0, floats, 0, n);
            for (int i = 0; i < n; i++) {
                rows[i] = floats[i];
            }
        } else {
            x.data().asNioDouble().get(0, rows, 0, n);
        }
    }

    private void write(INDArray target, int n) {
        if (target.dataType() == DataType.FLOAT) {
            for (int i = 0; i < n; i++) {
                floats[i] = (float) kept[i];
            }
            target.data().asNioFloat().put(0, floats, 0, n);
        } else {
            target.data().asNioDouble().put(0, kept, 0, n);
        }
    }

    /** Kept entries are exactly the positive outputs, so the mask is rebuilt from the output as ReLU's gate is. */
    @Override
    public INDArray backward(INDArray gradOutput) {
        gradInput = Buffers.ensure(gradInput, output.dataType(), output.shape());
        gradOutput.mul(lastMask(), gradInput);
        return gradInput;
    }

    @Override
    public INDArray lastActivation() {
        return output;
    }

    /** 1 where the last forward call kept an entry, 0 elsewhere; shaped as its output, owned by the layer. */
    public INDArray lastMask() {
        mask = Buffers.ensure(mask, output.dataType(), output.shape());
        Nd4j.getExecutioner().exec(new Step(output, mask, 0.0));
        return mask;
    }

    @Override
    public String toString() {
        return Double.isNaN(fraction) ? "TopK(k=" + count + ")" : "TopK(fraction=" + fraction + ")";
    }
}
