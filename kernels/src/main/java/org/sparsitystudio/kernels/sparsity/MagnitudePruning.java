package org.sparsitystudio.kernels.sparsity;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-shot magnitude pruning: the {@code round(s · count)} weights of smallest |w| are pruned.
 * Ties are broken by flat index (a stable sort, lower index pruned first), and in global pruning
 * the flat index runs over the tensors in the order given, as if they were concatenated.
 */
public final class MagnitudePruning {

    private MagnitudePruning() {
    }

    /** The mask of one tensor at sparsity {@code s}. */
    public static INDArray layerMask(INDArray weight, double sparsity) {
        return global(List.of(weight), sparsity).get(0);
    }

    /** Masks with the same sparsity {@code s} in every tensor. */
    public static List<INDArray> layerWise(List<INDArray> weights, double sparsity) {
        List<INDArray> masks = new ArrayList<>();
        for (INDArray w : weights) {
            masks.add(layerMask(w, sparsity));
        }
        return masks;
    }

    /** Masks from one threshold over all tensors: {@code round(s · total)} smallest pruned. */
    public static List<INDArray> global(List<INDArray> weights, double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must lie in [0, 1], got " + sparsity);
        }
        long total = 0;
        for (INDArray w : weights) {
            total += w.length();
        }
        int n = Math.toIntExact(total);
        float[] magnitudes = new float[n];
        int offset = 0;
        for (INDArray w : weights) {
            double[] values = w.dup('c').data().asDouble();
            for (int i = 0; i < values.length; i++) {
                magnitudes[offset + i] = (float) Math.abs(values[i]);
            }
            offset += values.length;
        }
        int prune = (int) Math.round(sparsity * n);
        boolean[] pruned = new boolean[n];
        for (int index : smallestFirst(magnitudes, prune)) {
            pruned[index] = true;
        }
        List<INDArray> masks = new ArrayList<>();
        offset = 0;
        for (INDArray w : weights) {
            int len = (int) w.length();
            float[] mask = new float[len];
            for (int i = 0; i < len; i++) {
                mask[i] = pruned[offset + i] ? 0f : 1f;
            }
            masks.add(Nd4j.createFromArray(mask).reshape(w.shape()).castTo(w.dataType()));
            offset += len;
        }
        return masks;
    }

    /** The indices of the {@code k} smallest values, ties by lower index: a stable sort by value. */
    private static int[] smallestFirst(float[] values, int k) {
        // sort (value, index) pairs packed into longs: order-preserving bits of a non-negative float,
        // then the index, so equal values stay in index order
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            keys[i] = ((long) Float.floatToIntBits(values[i]) << 32) | i;
        }
        java.util.Arrays.sort(keys);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }
}
