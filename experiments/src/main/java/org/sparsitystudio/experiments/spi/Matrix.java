package org.sparsitystudio.experiments.spi;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix a kind shows rather than plots, as plain data: an N:M mask, a Monarch factor, a layer ×
 * step table. Runs keep them with {@code MatrixArtifact}; a {@link DesignPreview} may carry one.
 * How to colour it travels with it ({@link Style}); the studio and the {@code matrix} command draw it.
 *
 * <p>Row-major.
 *
 * @param name    its name in the file, unique within the file (e.g. {@code layer1.mask})
 * @param caption one line that says what the rows and columns are
 * @param style   how to colour it
 * @param rows    the number of rows, at least 1
 * @param cols    the number of columns, at least 1
 * @param values  {@code rows × cols} values, row after row
 * @param groupColumns the width of the column groups a viewer should mark (M of an N:M mask), or 0
 */
public record Matrix(String name, String caption, Style style, int rows, int cols, float[] values,
        int groupColumns) {

    /** How a matrix's values should be coloured. */
    public enum Style {
        /** Zero and nonzero: kept entries light, pruned ones dark. */
        MASK,
        /** Values of either sign around zero, on a diverging scale symmetric about zero. */
        SIGNED,
        /** Nonnegative quantities (densities, magnitudes), on a sequential scale from the minimum to the maximum. */
        SEQUENTIAL;

        /** The style named {@code s} (any case); signed for none or an unknown name. */
        public static Style parse(String s) {
            try {
                return s == null ? SIGNED : valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return SIGNED;
            }
        }
    }

    /** Checks that the shape matches the values. */
    public Matrix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(values, "values");
        if (rows < 1 || cols < 1 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("matrix " + name + ": " + rows + " × " + cols + " does not hold "
                    + values.length + " values");
        }
        if (groupColumns < 0) {
            throw new IllegalArgumentException("matrix " + name + ": negative group width " + groupColumns);
        }
    }

    /** A matrix without column groups. */
    public Matrix(String name, String caption, Style style, int rows, int cols, float[] values) {
        this(name, caption, style, rows, cols, values, 0);
    }

    /** The same matrix with its columns marked in groups of {@code width}. */
    public Matrix withGroupColumns(int width) {
        return new Matrix(name, caption, style, rows, cols, values, width);
    }

    /**
     * The block of {@code rowCount × colCount} entries from row {@code row}, column {@code col}
     * (clipped to the matrix), with the same style; column groups stay aligned to the full matrix
     * only when {@code col} is a multiple of their width.
     */
    public Matrix crop(int row, int col, int rowCount, int colCount) {
        if (row < 0 || col < 0 || row >= rows || col >= cols || rowCount < 1 || colCount < 1) {
            throw new IllegalArgumentException("the block from row " + row + ", column " + col + " of "
                    + rowCount + " × " + colCount + " lies outside " + name + " (" + rows + " × " + cols + ")");
        }
        int r = Math.min(rowCount, rows - row);
        int c = Math.min(colCount, cols - col);
        float[] v = new float[r * c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(values, (row + i) * cols + col, v, i * c, c);
        }
        String where = String.format(Locale.ROOT, " [rows %d–%d, columns %d–%d]", row, row + r - 1, col, col + c - 1);
        return new Matrix(name, caption + where, style, r, c, v, groupColumns);
    }

    /** The value in row {@code r}, column {@code c}. */
    public float at(int r, int c) {
        return values[r * cols + c];
    }

    /** A copy of a 2-D array (a vector becomes one row). */
    public static Matrix of(String name, String caption, Style style, INDArray array) {
        INDArray m = array.rank() == 1 ? array.reshape(1, array.length()) : array;
        if (m.rank() != 2) {
            throw new IllegalArgumentException("matrix " + name + " must be 2-D, not of shape "
                    + Arrays.toString(m.shape()));
        }
        float[] values = m.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new Matrix(name, caption, style, (int) m.rows(), (int) m.columns(), values);
    }

    /** A matrix from rows of doubles, all of the same length. */
    public static Matrix of(String name, String caption, Style style, double[][] rows) {
        int cols = rows[0].length;
        float[] values = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("matrix " + name + ": row " + r + " has " + rows[r].length
                        + " values, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = (float) rows[r][c];
            }
        }
        return new Matrix(name, caption, style, rows.length, cols, values);
    }
}
