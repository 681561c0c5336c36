package org.sparsitystudio.experiments.training;

/** Thrown between steps when the caller asked training to stop. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CancelledException(long step) {
        super("cancelled before step " + step);
    }

    /** For callers that do not count steps, such as {@code RunContext.throwIfCancelled()}. */
    public CancelledException() {
        super("cancelled");
    }
}
