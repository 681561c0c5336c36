package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.sparsitystudio.experiments.bench.MeasuredRate;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.SweepSummary;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunListener;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.run.RunListeners;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.StudyRecorder;
import org.sparsitystudio.persistence.StudyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a design headless: validates it, prints the run count and cost estimate, stores the study
 * and its queued runs in the database, runs the sweep recording metrics, results and provenance,
 * and prints each run's outcome. Ctrl-C cancels cleanly: running runs end as cancelled.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a design (JSON) headless.")
final class RunCommand implements Callable<Integer> {

    static final int EXIT_SOME_FAILED = 4;
    static final int EXIT_CANCELLED = 130;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN.json", description = "The design file.")
    private Path designFile;

    @Option(names = "--parallel", defaultValue = "1", description = "Runs at once (default: ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--dry-run", description = "Validate and estimate only.")
    private boolean dryRun;

    @Mixin
    private DatabaseOption database;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentKinds kinds = ExperimentKinds.load();
        Design design = new DesignJson(kinds).read(designFile);
        ExperimentKind kind = kinds.get(design.kind());
        List<RunSpec> runs = Sweeps.expand(design, kind);
        SweepSummary summary = Sweeps.summarize(design, kind);
        out.printf(Locale.ROOT, "%s: %s%n", kind.title(), summary.text());
        if (summary.cost().hasFlops()) {
            double seconds = MeasuredRate.measure().seconds(summary.cost().steps(), summary.cost().flops()) / parallel;
            out.printf(Locale.ROOT, "estimated cost: %.3g TFLOP, about %s here (from a measured training step)%n",
                    summary.cost().flops() / 1e12, duration(seconds));
        }
        out.flush();
        if (dryRun) {
            return 0;
        }
        Map<Integer, RunStatus> outcomes = new ConcurrentHashMap<>();
        try (Database db = database.open();
             StudyRecorder recorder = new StudyRecorder(db, createStudy(db, kinds, design, kind, runs, out));
             RunExecutor executor = new RunExecutor(parallel, RunListeners.of(recorder,
                     new TerminalReporter(out, runs.size(), outcomes)), s -> Provenance.forRun(kind, s))) {
            RunExecutor.StudyHandle handle = executor.submit(kind, runs);
            List<RunStatus> statuses;
            try (CtrlC ctrlC = CtrlC.onInterrupt(() -> {
                out.println();
                out.println("cancelling: the running run stops after its current step");
                out.flush();
                handle.cancel();
            })) {
                statuses = handle.await();
            }
            long completed = statuses.stream().filter(s -> s == RunStatus.COMPLETED).count();
            out.printf(Locale.ROOT, "%d of %d runs completed%n", completed, statuses.size());
            out.flush();
            if (handle.isCancelled()) {
                return EXIT_CANCELLED;
            }
            return completed == statuses.size() ? 0 : EXIT_SOME_FAILED;
        }
    }

    private static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** Stores the study and its queued runs in one transaction; returns the run ids by index. */
    private static Map<Integer, Long> createStudy(Database db, ExperimentKinds kinds, Design design, ExperimentKind kind,
            List<RunSpec> runs, PrintWriter out) {
        StudyStore.Stored stored = StudyStore.store(db, kinds, design);
        out.printf(Locale.ROOT, "study %d in %s%n", stored.study().id(), db.url());
        out.flush();
        return stored.runIds();
    }

    /** One line per finished run, with its headline result or why it did not finish. */
    private static final class TerminalReporter implements RunListener {
        private final PrintWriter out;
        private final int total;
        private final Map<Integer, RunStatus> outcomes;
        private final Map<Integer, Double> accuracy = new ConcurrentHashMap<>();
        private final Map<Integer, String> headline = new ConcurrentHashMap<>();

        TerminalReporter(PrintWriter out, int total, Map<Integer, RunStatus> outcomes) {
            this.out = out;
            this.total = total;
            this.outcomes = outcomes;
        }

        @Override
        public void result(RunSpec run, String name, double value) {
            // the test accuracy where a kind reports one, else its first result, named
            if (name.equals("finalTestAccuracy") || accuracy.get(run.index()) == null) {
                accuracy.put(run.index(), value);
                headline.put(run.index(), name);
            }
        }

        @Override
        public synchronized void progress(RunSpec run, double fraction, long etaMillis) {
            if (System.console() == null) {
                return; // not a terminal: one line per finished run is enough for a log
            }
            int filled = (int) Math.round(fraction * 30);
            String eta = etaMillis < 0 ? "" : String.format(Locale.ROOT, " ETA %d:%02d", etaMillis / 60_000,
                    etaMillis / 1000 % 60);
            out.printf(Locale.ROOT, "\r[%d/%d] %-40s [%s%s] %3.0f%%%s   ", outcomes.size() + 1, total,
                    run.displayName(), "#".repeat(filled), " ".repeat(30 - filled), 100 * fraction, eta);
            out.flush();
        }

        @Override
        public synchronized void finished(RunSpec run, RunStatus status, String error, Provenance provenance) {
            outcomes.put(run.index(), status);
            if (System.console() != null) {
                out.print("\r" + " ".repeat(100) + "\r");
            }
            String name = headline.get(run.index());
            String detail = status == RunStatus.COMPLETED && accuracy.containsKey(run.index())
                    ? (name.equals("finalTestAccuracy") ? "" : name + " ")
                            + String.format(Locale.ROOT, "%.4f", accuracy.get(run.index()))
                    : error == null ? "" : error;
            out.printf(Locale.ROOT, "[%d/%d] %-40s %-10s %s%n", outcomes.size(), total, run.displayName(),
                    status.name().toLowerCase(Locale.ROOT), detail);
            out.flush();
        }
    }
}
