package org.sparsitystudio.experiments.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.experiments.training.DivergedException;

/**
 * Runs a study's runs through a queue, one at a time by default (ND4J already uses the cores),
 * reporting through a {@link RunListener}. A run ends as COMPLETED, CANCELLED (the user asked;
 * it stops within one step), DIVERGED (non-finite loss) or FAILED (any other exception, its
 * message kept); none of these stops the rest of the study.
 */
public final class RunExecutor implements AutoCloseable {

    private final ExecutorService workers;
    private final RunListener listener;
    private final Function<RunSpec, Provenance> provenance;
    private final java.nio.file.Path outputRoot;

    /** The system property naming the folder under which runs get their output folders. */
    public static final String OUTPUT_ROOT_PROPERTY = "sparsitystudio.outputs";

    /**
     * An executor whose runs write their files under {@link #defaultOutputRoot()}.
     *
     * @param parallelism runs at once
     * @param listener    receives every event
     * @param provenance  the provenance of a run about to start
     */
    public RunExecutor(int parallelism, RunListener listener, Function<RunSpec, Provenance> provenance) {
        this(parallelism, listener, provenance, defaultOutputRoot());
    }

    /**
     * @param parallelism runs at once
     * @param listener    receives every event
     * @param provenance  the provenance of a run about to start
     * @param outputRoot  the folder under which each run that writes files gets a folder of its own
     */
    public RunExecutor(int parallelism, RunListener listener, Function<RunSpec, Provenance> provenance,
            java.nio.file.Path outputRoot) {
        this.outputRoot = java.util.Objects.requireNonNull(outputRoot, "outputRoot");
        if (parallelism <= 0) {
            throw new IllegalArgumentException("parallelism must be positive, got " + parallelism);
        }
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "run-worker");
            t.setDaemon(true);
            return t;
        });
        this.listener = listener;
        this.provenance = provenance;
    }

    /**
     * The system property {@value #OUTPUT_ROOT_PROPERTY} if set, else {@code sparsity-studio/runs}
     * in the user's data folder ({@code $XDG_DATA_HOME}, else {@code ~/.local/share}), beside the
     * default database. The build's tests set the property to a folder under {@code target}.
     */
    public static java.nio.file.Path defaultOutputRoot() {
        String property = System.getProperty(OUTPUT_ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return java.nio.file.Path.of(property.strip());
        }
        // next to the default database, not in a temporary folder: checkpoints must outlive a reboot
        String xdg = System.getenv("XDG_DATA_HOME");
        java.nio.file.Path data = xdg != null && !xdg.isBlank() ? java.nio.file.Path.of(xdg)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("sparsity-studio").resolve("runs");
    }

    /** A submitted study: cancel it or one of its runs, or wait for it. */
    public static final class StudyHandle {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final Map<Integer, ExecutingRunContext> running = new ConcurrentHashMap<>();
        private final java.util.Set<Integer> cancelledRuns = ConcurrentHashMap.newKeySet();
        private final List<Future<RunStatus>> futures = new ArrayList<>();

        /** Cancels every run: queued ones never start, running ones stop within one step. */
        public void cancel() {
            cancelled.set(true);
            running.values().forEach(ExecutingRunContext::cancel);
        }

        /** Cancels the run at {@code index}: if queued it never starts, if running it stops within one step. */
        public void cancel(int index) {
            cancelledRuns.add(index);
            ExecutingRunContext context = running.get(index);
            if (context != null) {
                context.cancel();
            }
        }

        public boolean isCancelled() {
            return cancelled.get();
        }

        /** Waits for every run and returns their final statuses in submission order. */
        public List<RunStatus> await() throws InterruptedException {
            List<RunStatus> out = new ArrayList<>();
            for (Future<RunStatus> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(RunStatus.FAILED);
                }
            }
            return out;
        }
    }

    /** Queues {@code runs} of {@code kind}. */
    public StudyHandle submit(ExperimentKind kind, List<RunSpec> runs) {
        StudyHandle handle = new StudyHandle();
        for (RunSpec spec : runs) {
            handle.futures.add(workers.submit(() -> execute(kind, spec, handle)));
        }
        return handle;
    }

    private RunStatus execute(ExperimentKind kind, RunSpec spec, StudyHandle handle) {
        Provenance start = provenance.apply(spec).with("startedAt", Instant.now().toString());
        if (handle.isCancelled() || handle.cancelledRuns.contains(spec.index())) {
            listener.finished(spec, RunStatus.CANCELLED, null, start);
            return RunStatus.CANCELLED;
        }
        ExecutingRunContext context = new ExecutingRunContext(spec, listener,
                () -> handle.isCancelled() || handle.cancelledRuns.contains(spec.index()), outputRoot);
        handle.running.put(spec.index(), context);
        listener.started(spec, start);
        RunStatus status;
        String error = null;
        try {
            RunResult result = kind.run(spec, context);
            result.results().forEach((name, value) -> {
                if (!context.results().results().containsKey(name)) {
                    listener.result(spec, name, value);
                }
            });
            status = context.isCancelled() ? RunStatus.CANCELLED : RunStatus.COMPLETED;
        } catch (CancelledException e) {
            status = RunStatus.CANCELLED;
        } catch (DivergedException e) {
            status = RunStatus.DIVERGED;
            error = e.getMessage();
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            status = RunStatus.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            handle.running.remove(spec.index());
        }
        Provenance end = start;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(context.addedProvenance()).entrySet()) {
            end = end.with(e.getKey(), e.getValue());
        }
        listener.finished(spec, status, error, end.with("endedAt", Instant.now().toString()));
        return status;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
