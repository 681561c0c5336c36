package org.sparsitystudio.kernels.sparsity;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recomputes an N:M mask of one weight [out, in] from its magnitudes: in each row, each group of M
 * consecutive inputs keeps its N largest |w|; on equal magnitudes the lower index wins. Meant to
 * run every training step, so it works on heap copies of the buffers (fetched once) and has a
 * branch-light fast path for 2:4.
 */
public final class NmMasker {

    private final NmPattern pattern;
    private final INDArray weight;
    private final INDArray mask;
    private final int rows;
    private final int cols;
    private final float[] w;
    private final float[] out;
    private final FloatBuffer weightView;
    private final FloatBuffer maskView;

    /**
     * @param weight a contiguous FLOAT or DOUBLE weight [out, in]
     * @param mask   a contiguous array of the weight's shape and type that receives the mask
     */
    public NmMasker(NmPattern pattern, INDArray weight, INDArray mask) {
        if (weight.rank() != 2 || !Arrays.equals(weight.shape(), mask.shape())) {
            throw new IllegalArgumentException("N:M needs a 2-D weight and a mask of its shape, got "
                    + Arrays.toString(weight.shape()) + " and " + Arrays.toString(mask.shape()));
        }
        if (weight.isView() || mask.isView() || weight.ordering() != 'c' || mask.ordering() != 'c') {
            throw new IllegalArgumentException("N:M masks need contiguous C-order arrays");
        }
        this.pattern = pattern;
        this.weight = weight;
        this.mask = mask;
        this.rows = (int) weight.size(0);
        this.cols = (int) weight.size(1);
        this.w = new float[rows * cols];
        this.out = new float[rows * cols];
        boolean isFloat = weight.dataType() == DataType.FLOAT && mask.dataType() == DataType.FLOAT;
        this.weightView = isFloat ? weight.data().asNioFloat() : null;
        this.maskView = isFloat ? mask.data().asNioFloat() : null;
    }

    public NmPattern pattern() {
        return pattern;
    }

    /** Writes the mask of the weight's current values into the mask array. */
    public void update() {
        if (weightView != null) {
            weightView.get(0, w, 0, w.length);
        } else {
            double[] values = weight.data().asDouble();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) values[i];
            }
        }
        if (pattern.n() == 2 && pattern.m() == 4 && cols % 4 == 0) {
            twoOfFour();
        } else {
            general();
        }
        if (maskView != null) {
            maskView.put(0, out, 0, out.length);
        } else {
            mask.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(out).reshape(rows, cols).castTo(mask.dataType()));
        }
    }

    /*
     * An entry is kept when fewer than two of its group outrank it; a lower index outranks on
     * ties. Written without branches: for non-negative floats the raw bits order like the values,
     * and the sign bit of a difference of two such ints is the comparison. With random weights a
     * branchy version mispredicts half the time and ran four times slower.
     */
    private void twoOfFour() {
        for (int base = 0; base < w.length; base += 4) {
            int a = Float.floatToRawIntBits(w[base]) & 0x7fffffff;
            int b = Float.floatToRawIntBits(w[base + 1]) & 0x7fffffff;
            int c = Float.floatToRawIntBits(w[base + 2]) & 0x7fffffff;
            int d = Float.floatToRawIntBits(w[base + 3]) & 0x7fffffff;
            int ra = less(a, b) + less(a, c) + less(a, d);
            int rb = 1 - less(a, b) + less(b, c) + less(b, d);
            int rc = 1 - less(a, c) + 1 - less(b, c) + less(c, d);
            int rd = 3 - less(a, d) - less(b, d) - less(c, d);
            out[base] = (ra - 2) >>> 31;
            out[base + 1] = (rb - 2) >>> 31;
            out[base + 2] = (rc - 2) >>> 31;
            out[base + 3] = (rd - 2) >>> 31;
        }
    }

    /** 1 when x &lt; y, else 0, for ints in [0, 2³¹). */
    private static int less(int x, int y) {
        return (x - y) >>> 31;
    }

    // selection by min(N, M − N) passes over each group: one pass for 1:M patterns, where ranking
    // every entry against every other took M times longer
    private void general() {
        int m = pattern.m();
        for (int r = 0; r < rows; r++) {
            int rowStart = r * cols;
            for (int g = 0; g < cols; g += m) {
                int len = Math.min(m, cols - g);
                select(rowStart + g, len, pattern.keptIn(len));
            }
        }
    }

    private void select(int start, int len, int kept) {
        if (2 * kept <= len) {
            java.util.Arrays.fill(out, start, start + len, 0f);
            for (int pick = 0; pick < kept; pick++) {
                int best = -1;
                for (int j = start; j < start + len; j++) {
                    // strict '>' scanning upwards: the lowest index wins a tie
                    if (out[j] == 0f && (best < 0 || Math.abs(w[j]) > Math.abs(w[best]))) {
                        best = j;
                    }
                }
                out[best] = 1f;
            }
        } else {
            java.util.Arrays.fill(out, start, start + len, 1f);
            for (int drop = 0; drop < len - kept; drop++) {
                int worst = -1;
                for (int j = start; j < start + len; j++) {
                    // '<=' scanning upwards: on a tie the highest index is dropped first
                    if (out[j] == 1f && (worst < 0 || Math.abs(w[j]) <= Math.abs(w[worst]))) {
                        worst = j;
                    }
                }
                out[worst] = 0f;
            }
        }
    }
}
