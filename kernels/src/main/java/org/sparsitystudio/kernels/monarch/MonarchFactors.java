package org.sparsitystudio.kernels.monarch;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two factors of a Monarch matrix as plain values, so that a projection, a layer and a test
 * can exchange them without a layer's buffers and gradients coming along.
 *
 * <p><b>Sizes.</b> With {@code b} blocks, a map from {@code in} to {@code out} features uses block
 * sizes {@code mIn = ⌈in/b⌉} and {@code mOut = ⌈out/b⌉}. The input is read as if zero-padded to
 * {@code b·mIn} features and the output is computed for {@code b·mOut} features, of which the first
 * {@code out} are kept. The rectangular part sits in the first factor:
 * <ul>
 *   <li>{@code blkdiag1} = R, shape {@code [b, mOut, mIn]}: block {@code R_i} maps the {@code i}-th
 *       input chunk of {@code mIn} features to {@code mOut} features;</li>
 *   <li>{@code blkdiag2} = L, shape {@code [mOut, b, b]}: block {@code L_l} mixes the {@code l}-th
 *       feature of every chunk across the {@code b} chunks.</li>
 * </ul>
 * Then {@code M[k·mOut + l, i·mIn + j] = L_l[k, i] · R_i[l, j]} for the rows and columns that
 * survive truncation. When {@code in = out = b·m} this is exactly the square definition
 * {@code M = P L Pᵀ R} with {@code n(b + m)} parameters. The rule keeps one block count, the
 * permutation and the index form unchanged for every size; the price is that weights touching
 * padded inputs or dropped outputs are stored but never used (their gradient is zero).
 *
 * @param in       input features
 * @param out      output features
 * @param blocks   number of blocks {@code b} of R (and the size of each block of L)
 * @param blkdiag1 R, shape {@code [b, mOut, mIn]}
 * @param blkdiag2 L, shape {@code [mOut, b, b]}
 */
public record MonarchFactors(int in, int out, int blocks, INDArray blkdiag1, INDArray blkdiag2) {

    /** Checks that the factors have the shapes the sizes imply. */
    public MonarchFactors {
        checkSizes(in, out, blocks);
        long mIn = blockSize(in, blocks);
        long mOut = blockSize(out, blocks);
        if (!Arrays.equals(blkdiag1.shape(), new long[] {blocks, mOut, mIn})) {
            throw new IllegalArgumentException("blkdiag1 must be [" + blocks + ", " + mOut + ", " + mIn + "], got "
                    + Arrays.toString(blkdiag1.shape()));
        }
        if (!Arrays.equals(blkdiag2.shape(), new long[] {mOut, blocks, blocks})) {
            throw new IllegalArgumentException("blkdiag2 must be [" + mOut + ", " + blocks + ", " + blocks + "], got "
                    + Arrays.toString(blkdiag2.shape()));
        }
    }

    /** {@code ⌈features / blocks⌉}: the block size after padding {@code features} to a multiple of blocks. */
    public static int blockSize(int features, int blocks) {
        return (features + blocks - 1) / blocks;
    }

    static void checkSizes(int in, int out, int blocks) {
        if (in <= 0 || out <= 0 || blocks <= 0) {
            throw new IllegalArgumentException("Monarch needs positive sizes, got in=" + in + ", out=" + out
                    + ", blocks=" + blocks);
        }
    }

    /** Input block size {@code mIn = ⌈in/b⌉}. */
    public int blockIn() {
        return blockSize(in, blocks);
    }

    /** Output block size {@code mOut = ⌈out/b⌉}. */
    public int blockOut() {
        return blockSize(out, blocks);
    }

    /** Stored parameters of both factors (see {@link MonarchLinear#parameterCount}). */
    public long parameterCount() {
        return blkdiag1.length() + blkdiag2.length();
    }

    /**
     * The dense {@code out × in} matrix, built entry by entry from the index form (independently of
     * the layer's batched products, so that tests can compare the two). Meant for tests, viewing
     * and projections of moderate size: it allocates {@code out·in} values.
     */
    public INDArray toDense() {
        int b = blocks;
        int mIn = blockIn();
        int mOut = blockOut();
        double[] r = flat(blkdiag1);
        double[] l = flat(blkdiag2);
        double[] dense = new double[Math.multiplyExact(out, in)];
        for (int k = 0; k < b; k++) {
            for (int ll = 0; ll < mOut; ll++) {
                int row = k * mOut + ll;
                if (row >= out) {
                    break;
                }
                for (int i = 0; i < b; i++) {
                    double lki = l[(ll * b + k) * b + i];
                    int rBase = (i * mOut + ll) * mIn;
                    for (int j = 0; j < mIn; j++) {
                        int col = i * mIn + j;
                        if (col >= in) {
                            break;
                        }
                        dense[row * in + col] = lki * r[rBase + j];
                    }
                }
            }
        }
        return Nd4j.create(dense, new long[] {out, in}, DataType.DOUBLE).castTo(blkdiag1.dataType());
    }

    static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape('c', new long[] {a.length()}).toDoubleVector();
    }
}
