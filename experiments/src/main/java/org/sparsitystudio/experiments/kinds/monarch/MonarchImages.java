package org.sparsitystudio.experiments.kinds.monarch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.spi.Matrix.Style;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.kernels.monarch.MonarchFactors;

/**
 * A Monarch layer's factors as pictures: R and L each laid out as the block-diagonal matrix it is,
 * entries outside the blocks NaN so a viewer draws them grey (structurally zero, not stored), and
 * for small layers the dense matrix {@code M} they make.
 */
final class MonarchImages {

    /** Layers up to this many inputs and outputs also get their dense matrix. */
    static final int DENSE_LIMIT = 1024;

    private MonarchImages() {
    }

    static List<Matrix> of(int layerNumber, MonarchFactors f) {
        return of(layerName(layerNumber), "layer " + layerNumber, f);
    }

    /** The name of the MLP's weight layer {@code number} in pictures and results ({@code layer2}). */
    static String layerName(int number) {
        return "layer" + number;
    }

    /** How a caption names the layer called {@code name}: {@code layer 2} for the MLP's, the name itself otherwise. */
    static String describe(String name) {
        return name.matches("layer\\d+") ? "layer " + name.substring("layer".length()) : name;
    }

    /**
     * The pictures of one layer's factors.
     *
     * @param layer the prefix of the matrix names ({@code layer2}, {@code blocks.0.mlp.fc1})
     * @param what  the layer in captions ({@code layer 2})
     */
    static List<Matrix> of(String layer, String what, MonarchFactors f) {
        List<Matrix> out = new ArrayList<>();
        long[] r = f.blkdiag1().shape();
        long[] l = f.blkdiag2().shape();
        out.add(blockDiagonal(layer + ".R", String.format(Locale.ROOT,
                "R of %s: %d blocks of %d × %d (%d → %d features, b = %d); grey: outside the blocks",
                what, r[0], r[1], r[2], f.in(), f.out(), f.blocks()), f.blkdiag1()));
        out.add(blockDiagonal(layer + ".L", String.format(Locale.ROOT,
                "L of %s: %d blocks of %d × %d, in the permuted basis (M = P L Pᵀ R); grey: outside the blocks",
                what, l[0], l[1], l[2]), f.blkdiag2()));
        if (f.in() <= DENSE_LIMIT && f.out() <= DENSE_LIMIT) {
            out.add(Matrix.of(layer + ".M", String.format(Locale.ROOT,
                    "the dense %d × %d matrix M the factors of %s make (never formed in training)", f.out(), f.in(),
                    what), Style.SIGNED, f.toDense()));
        }
        return out;
    }

    /** Blocks [k, rows, cols] placed on the diagonal of a (k·rows) × (k·cols) matrix, NaN elsewhere. */
    static Matrix blockDiagonal(String name, String caption, INDArray blocks) {
        int k = (int) blocks.size(0);
        int rows = (int) blocks.size(1);
        int cols = (int) blocks.size(2);
        float[] b = blocks.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int width = k * cols;
        float[] values = new float[k * rows * width];
        Arrays.fill(values, Float.NaN);
        for (int i = 0; i < k; i++) {
            for (int row = 0; row < rows; row++) {
                System.arraycopy(b, (i * rows + row) * cols, values, (i * rows + row) * width + i * cols, cols);
            }
        }
        return new Matrix(name, caption, Style.SIGNED, k * rows, width, values);
    }
}
