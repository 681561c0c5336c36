package org.sparsitystudio.app.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.persistence.Artifact;
import org.sparsitystudio.persistence.Database;

/**
 * The matrices a stored run kept for viewing ({@link MatrixArtifact}), read from the files its
 * artifacts name. A file that was moved or deleted since is reported by name, not as a failure of
 * the whole list: the other files still show.
 *
 * @param matrices the matrices of every readable file, in the order the run reported them
 * @param problems one line per file that could not be read
 */
public record RunMatrices(List<Matrix> matrices, List<String> problems) {

    /** Copies the lists. */
    public RunMatrices {
        matrices = List.copyOf(matrices);
        problems = List.copyOf(problems);
    }

    /** Reads the matrices of run {@code runId}; none when it kept none. */
    public static RunMatrices load(Database db, long runId) {
        List<Matrix> matrices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Artifact a : db.artifacts().list(runId)) {
            if (!a.kind().equals(MatrixArtifact.KIND)) {
                continue;
            }
            Path file = Path.of(a.path());
            if (!Files.isRegularFile(file)) {
                problems.add("the file " + file + " is no longer there");
                continue;
            }
            try {
                matrices.addAll(MatrixArtifact.read(file));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        return new RunMatrices(matrices, problems);
    }

    /** The matrix of that name. */
    public java.util.Optional<Matrix> find(String name) {
        return matrices.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
