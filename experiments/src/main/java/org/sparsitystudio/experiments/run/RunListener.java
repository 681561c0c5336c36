package org.sparsitystudio.experiments.run;

import org.sparsitystudio.experiments.spi.RunSpec;

/**
 * Receives everything that happens to runs: the database writer and the live charts both listen.
 * Called from the executor's worker threads; implementations must be thread-safe and quick
 * (batch or hand off anything slow).
 */
public interface RunListener {

    /** The run began; {@code provenance} is what will reproduce it. */
    default void started(RunSpec run, Provenance provenance) {
    }

    /** A per-step metric; {@code wallMillis} is the epoch time it was reported. */
    default void metric(RunSpec run, String name, long step, double value, long wallMillis) {
    }

    /** A result value of the run. */
    default void result(RunSpec run, String name, double value) {
    }

    /** Progress from 0 to 1, with the estimated milliseconds left (negative when unknown). */
    default void progress(RunSpec run, double fraction, long etaMillis) {
    }

    /**
     * A file the run produced and finished writing; see
     * {@link org.sparsitystudio.experiments.spi.RunContext#artifact}.
     *
     * @param kind what the file is, e.g. {@code checkpoint}
     */
    default void artifact(RunSpec run, String kind, java.nio.file.Path file) {
    }

    /** A log line. */
    default void log(RunSpec run, String line) {
    }

    /**
     * The run ended.
     *
     * @param error the reason for FAILED and DIVERGED, else null
     * @param provenance the start provenance with the end time added
     */
    default void finished(RunSpec run, RunStatus status, String error, Provenance provenance) {
    }
}
