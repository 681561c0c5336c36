package org.sparsitystudio.kernels.sparsity;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random masks with an exact number of kept weights: {@code round(density · count)} positions
 * drawn uniformly without replacement (a partial Fisher–Yates shuffle) from a seeded generator, so
 * the same seed gives the same mask on every backend.
 */
public final class RandomMask {

    private RandomMask() {
    }

    /** A 0/1 mask of the given shape keeping exactly {@code round(density · count)} entries. */
    public static INDArray create(double density, long seed, DataType type, long... shape) {
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("density must lie in [0, 1], got " + density);
        }
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        int n = Math.toIntExact(count);
        int keep = (int) Math.round(density * n);
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < keep; i++) {
            int j = i + rng.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            values[index[i]] = 1f;
        }
        return Nd4j.createFromArray(values).reshape(shape).castTo(type);
    }
}
