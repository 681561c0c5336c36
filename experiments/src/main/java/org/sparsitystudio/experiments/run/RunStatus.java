package org.sparsitystudio.experiments.run;

/**
 * Where a run is in its life. Stored by name, so the names are a file format: never rename one.
 */
public enum RunStatus {
    /** Waiting in the queue. */
    QUEUED,
    /** Executing now. */
    RUNNING,
    /** Finished normally; its results are stored. */
    COMPLETED,
    /** Ended by an exception; its message is kept. */
    FAILED,
    /** Stopped by the user. */
    CANCELLED,
    /** Its process died while it was running (found at the next start). */
    INTERRUPTED,
    /** The loss became NaN or infinite. */
    DIVERGED;

    /** True once the run can no longer change. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
