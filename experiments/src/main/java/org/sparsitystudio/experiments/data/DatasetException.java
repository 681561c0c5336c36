package org.sparsitystudio.experiments.data;

/**
 * A data set could not be read. The message alone names the file or directory, says what is wrong
 * with it and what to do; the cause, if any, is only for debugging.
 *
 * <p>Unchecked because a caller can rarely recover other than by showing the message: the UI
 * catches it at the top of a run and displays {@link #getMessage()}.
 */
public final class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a self-sufficient message. */
    public DatasetException(String message) {
        super(message);
    }

    /** Creates an exception with a self-sufficient message and the low-level cause. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
