package org.sparsitystudio.kernels.io;

import java.nio.file.Path;

/**
 * A checkpoint could not be read, written or applied to a model. Unchecked because callers cannot
 * recover from a corrupt or mismatched checkpoint beyond reporting it; the message says which file
 * or tensor is at fault so that the report alone is enough to act on.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem that concerns no single file, such as a checkpoint that does not fit a model. */
    public CheckpointException(String message) {
        super(message);
    }

    /** A problem with {@code file}; the message is {@code "<file>: <problem>"}. */
    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem with {@code file} caused by a lower-level failure (I/O, JSON parsing). */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
