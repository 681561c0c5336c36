package org.sparsitystudio.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.kernels.io.CheckpointException;
import org.sparsitystudio.kernels.io.Safetensors;

/**
 * Matrices a run keeps for looking at, such as an N:M mask, the two factors of a Monarch layer or a
 * layer × step table of activation densities. A run writes them into one safetensors file of its
 * output folder and reports the file as an artifact of kind {@value #KIND}; the studio and the
 * {@code matrix} command draw every matrix of such a file as an image.
 *
 * <p>Each matrix carries a {@link Style} that tells a viewer how to colour it and a caption that
 * says what it is; both travel in the file's metadata (keys {@code style.NAME} and
 * {@code caption.NAME}), so the file is an ordinary safetensors file that other tools read too.
 */
public final class MatrixArtifact {

    /** The artifact kind under which a run reports its matrices file. */
    public static final String KIND = "matrices";

    private MatrixArtifact() {
    }

    /** How a matrix's values should be coloured. */
    public enum Style {
        /** Zero and nonzero: kept entries light, pruned ones dark. */
        MASK,
        /** Values of either sign around zero, on a diverging scale symmetric about zero. */
        SIGNED,
        /** Nonnegative quantities (densities, magnitudes), on a sequential scale from the minimum to the maximum. */
        SEQUENTIAL;

        static Style parse(String s) {
            try {
                return s == null ? SIGNED : valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return SIGNED;
            }
        }
    }

    /**
     * One matrix, row-major.
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
                        + java.util.Arrays.toString(m.shape()));
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

    /**
     * Writes {@code matrices} to {@code fileName} in the run's output folder (atomically) and
     * reports the file as a {@value #KIND} artifact.
     *
     * @return the file written
     */
    public static Path report(RunContext context, String fileName, List<Matrix> matrices) {
        Path file = write(context.outputDirectory().resolve(fileName), matrices);
        context.artifact(KIND, file);
        return file;
    }

    /** Writes {@code matrices} to {@code file} (atomically: a crash leaves no torn file). */
    public static Path write(Path file, List<Matrix> matrices) {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Matrix m : matrices) {
            if (tensors.put(m.name(), Nd4j.create(m.values(), new long[] {m.rows(), m.cols()}, 'c')) != null) {
                throw new IllegalArgumentException("two matrices named " + m.name());
            }
            metadata.put("style." + m.name(), m.style().name().toLowerCase(Locale.ROOT));
            metadata.put("caption." + m.name(), m.caption());
            if (m.groupColumns() > 0) {
                metadata.put("groupColumns." + m.name(), Integer.toString(m.groupColumns()));
            }
        }
        return Safetensors.write(file, tensors, metadata).path();
    }

    /**
     * Reads every 2-D tensor of a safetensors file as a matrix, in file order; tensors of other
     * ranks are skipped. A file without style metadata (any safetensors checkpoint) reads with
     * signed colouring and the tensor's name as caption.
     *
     * @throws IllegalArgumentException when the file is missing or not a safetensors file (the
     *         message says why)
     */
    public static List<Matrix> read(Path file) {
        Safetensors.Contents contents;
        try {
            contents = Safetensors.read(file);
        } catch (CheckpointException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Matrix> out = new ArrayList<>();
        contents.tensors().forEach((name, array) -> {
            if (array.rank() == 2 || array.rank() == 1) {
                Style style = Style.parse(contents.metadata().get("style." + name));
                String caption = contents.metadata().getOrDefault("caption." + name, name);
                int groups = parseGroups(contents.metadata().get("groupColumns." + name));
                out.add(Matrix.of(name, caption, style, array).withGroupColumns(groups));
            }
        });
        return out;
    }

    private static int parseGroups(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
