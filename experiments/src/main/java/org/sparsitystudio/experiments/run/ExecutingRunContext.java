package org.sparsitystudio.experiments.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;

/** The {@link RunContext} a run gets from the {@link RunExecutor}: forwards to the listener. */
final class ExecutingRunContext implements RunContext {

    private final RunSpec spec;
    private final RunListener listener;
    private final BooleanSupplier studyCancelled;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private RunResult results = RunResult.empty();
    private final java.util.Map<String, String> provenance = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.nio.file.Path outputRoot;
    private java.nio.file.Path outputDirectory;

    ExecutingRunContext(RunSpec spec, RunListener listener, BooleanSupplier studyCancelled,
            java.nio.file.Path outputRoot) {
        this.spec = spec;
        this.listener = listener;
        this.studyCancelled = studyCancelled;
        this.outputRoot = outputRoot;
    }

    void cancel() {
        cancelled.set(true);
    }

    RunResult results() {
        return results;
    }

    @Override
    public void metric(String name, long step, double value) {
        listener.metric(spec, name, step, value, System.currentTimeMillis());
    }

    @Override
    public void result(String name, double value) {
        results = results.with(name, value);
        listener.result(spec, name, value);
    }

    @Override
    public void progress(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        long eta = f > 0 ? (long) (elapsed * (1 - f) / f) : -1;
        listener.progress(spec, f, eta);
    }

    @Override
    public void provenance(String key, String value) {
        provenance.put(key, value);
    }

    /** What the run added to its provenance. */
    java.util.Map<String, String> addedProvenance() {
        return provenance;
    }

    @Override
    public void artifact(String kind, java.nio.file.Path file) {
        java.util.Objects.requireNonNull(kind, "kind");
        listener.artifact(spec, kind, file.toAbsolutePath());
    }

    /**
     * Created on first use only, so that the many runs that write no files leave no empty folders;
     * the name starts with the kind and run index for a person browsing the root, and a random
     * suffix keeps two studies of the same kind apart.
     */
    @Override
    public synchronized java.nio.file.Path outputDirectory() {
        if (outputDirectory == null) {
            try {
                java.nio.file.Files.createDirectories(outputRoot);
                outputDirectory = java.nio.file.Files.createTempDirectory(outputRoot,
                        spec.kind() + "-run" + spec.index() + "-").toAbsolutePath();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create an output folder under " + outputRoot, e);
            }
            provenance.put("outputDirectory", outputDirectory.toString());
        }
        return outputDirectory;
    }

    @Override
    public void log(String line) {
        listener.log(spec, line);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || studyCancelled.getAsBoolean();
    }
}
