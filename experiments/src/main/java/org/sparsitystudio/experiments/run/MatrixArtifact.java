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
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.kernels.io.CheckpointException;
import org.sparsitystudio.kernels.io.Safetensors;

/**
 * Matrices a run keeps for looking at, such as an N:M mask, the two factors of a Monarch layer or a
 * layer × step table of activation densities. A run writes them into one safetensors file of its
 * output folder and reports the file as an artifact of kind {@value #KIND}; the studio and the
 * {@code matrix} command draw every matrix of such a file as an image.
 *
 * <p>Each matrix carries a {@link Matrix.Style} that tells a viewer how to colour it and a caption that
 * says what it is; both travel in the file's metadata (keys {@code style.NAME} and
 * {@code caption.NAME}), so the file is an ordinary safetensors file that other tools read too.
 */
public final class MatrixArtifact {

    /** The artifact kind under which a run reports its matrices file. */
    public static final String KIND = "matrices";

    private MatrixArtifact() {
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
                Matrix.Style style = Matrix.Style.parse(contents.metadata().get("style." + name));
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
