package org.sparsitystudio.experiments.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsitystudio.experiments.training.CancelledException;

/**
 * The channel from a running experiment to whoever executes it: metrics, results, progress, log
 * lines, and the cancellation flag. The executor implements it (batching metrics to storage,
 * coalescing them for live charts); a run only calls it, from its own thread.
 *
 * <p>Implementations must be cheap to call once per step: a run reports every step's loss.
 */
public interface RunContext {

    /**
     * Reports a per-step metric.
     *
     * @param name a {@linkplain MetricSpec.Kind#PER_STEP per-step} metric declared by the kind
     * @param step the step it belongs to (0-based, non-decreasing within a metric)
     * @param value the value; NaN and infinities are stored as they are, since a diverging loss
     *        is itself worth seeing
     */
    void metric(String name, long step, double value);

    /**
     * Reports a result: one value per run, such as the final accuracy.
     *
     * @param name a {@linkplain MetricSpec.Kind#RESULT result} metric declared by the kind
     */
    void result(String name, double value);

    /** Reports how far the run is, from 0 to 1. */
    void progress(double fraction);

    /**
     * Adds an entry to the run's provenance, for what only the run knows, such as which data set
     * it loaded and that data set's checksums.
     */
    default void provenance(String key, String value) {
    }

    /**
     * Reports a file the run produced, such as a checkpoint, so that it is kept on record with the
     * run (the database stores its path, SHA-256 and size). Listeners read the file at once, so it
     * must be complete and must not change afterwards: write it under another name and move it in
     * place before reporting it.
     *
     * @param kind what the file is, e.g. {@code checkpoint}
     * @param file the file, preferably inside {@link #outputDirectory()}
     */
    default void artifact(String kind, Path file) {
    }

    /**
     * A folder that belongs to this run alone, for the files it produces. The executor gives each
     * run its own folder under its output root and returns the same folder on every call; this
     * default, for contexts that keep no files (tests, quick tools), creates a fresh temporary
     * folder on each call, so a run should ask once and keep the answer.
     *
     * @throws UncheckedIOException if the folder cannot be created
     */
    default Path outputDirectory() {
        try {
            return Files.createTempDirectory("sparsity-run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary output folder", e);
        }
    }

    /** Adds a line to the run's log. */
    void log(String line);

    /**
     * Whether the user asked the run to stop. A run checks this between steps (never inside one,
     * so that it stops in a consistent state) and then returns or throws.
     */
    boolean isCancelled();

    /**
     * Throws if the run was cancelled; call between steps.
     *
     * @throws CancelledException if {@link #isCancelled()} is true, the same exception the
     *         training loops throw, so the executor has one thing to catch
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
