package org.sparsitystudio.app.runs;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sparsitystudio.charts.LiveFeed;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunListener;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.RunSpec;

/**
 * The queue of a running study. Listens to the executor from its worker threads and applies the
 * events to the rows in batches on the UI thread through a {@link LiveFeed}, so a fast stream of
 * progress events costs one refresh per frame, not one per event. Also says what the queue is
 * doing ("1 running · 14 queued · 3 completed").
 */
public final class RunsViewModel implements RunListener {

    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper queueState = new ReadOnlyStringWrapper(this, "queueState", "");
    private final LiveFeed<Consumer<RunsViewModel>> feed;
    private final java.util.Map<Integer, List<String>> liveLogs = new java.util.concurrent.ConcurrentHashMap<>();
    private java.util.function.IntFunction<List<String>> storedLogs = index -> List.of();

    /**
     * @param runs     the study's runs, in order
     * @param uiThread runs a task on the UI thread ({@code Platform::runLater} in the studio)
     */
    public RunsViewModel(List<RunSpec> runs, Consumer<Runnable> uiThread) {
        for (RunSpec run : runs) {
            rows.add(new RunRow(run.index(), run.displayName()));
        }
        feed = new LiveFeed<>(uiThread, batch -> {
            batch.forEach(update -> update.accept(this));
            refreshQueueState();
        });
        refreshQueueState();
    }

    /**
     * A finished (or elsewhere running) study read from the database: rows show each run's stored
     * status, result and reason; logs come from {@code logs}.
     */
    public static RunsViewModel stored(List<org.sparsitystudio.app.study.RunData> runs, java.util.Map<Integer, String> errors,
            java.util.function.IntFunction<List<String>> logs, Consumer<Runnable> uiThread) {
        List<RunSpec> specs = runs.stream()
                .map(r -> new RunSpec("stored", r.index(), java.util.Map.of(), r.seed(), r.name())).toList();
        RunsViewModel model = new RunsViewModel(specs, uiThread);
        model.storedLogs = logs;
        model.showStored(runs, errors);
        return model;
    }

    /**
     * Shows statuses, results and reasons read from the database (again, for a study another
     * process runs). Call on the UI thread.
     */
    public void showStored(List<org.sparsitystudio.app.study.RunData> runs, java.util.Map<Integer, String> errors) {
        for (org.sparsitystudio.app.study.RunData r : runs) {
            RunRow row = rows.stream().filter(x -> x.index() == r.index()).findFirst().orElse(null);
            if (row == null) {
                continue;
            }
            row.statusProperty().set(r.status());
            if (r.status() == RunStatus.COMPLETED) {
                row.progressProperty().set(1);
            }
            Double accuracy = r.results().get("finalTestAccuracy");
            if (accuracy != null) {
                row.resultProperty().set(String.format(Locale.ROOT, "%.2f %%", 100 * accuracy));
            }
            row.reasonProperty().set(errors.getOrDefault(r.index(), ""));
        }
        refreshQueueState();
    }

    /** The log of run {@code index}: what the database holds, then what arrived since. */
    public List<String> log(int index) {
        List<String> out = new java.util.ArrayList<>(storedLogs.apply(index));
        List<String> live = liveLogs.get(index);
        if (live != null) {
            synchronized (live) {
                out.addAll(live);
            }
        }
        return out;
    }

    @Override
    public void log(RunSpec run, String line) {
        liveLogs.computeIfAbsent(run.index(), k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                .add(line);
    }

    public ObservableList<RunRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty queueStateProperty() {
        return queueState.getReadOnlyProperty();
    }

    private RunRow row(RunSpec run) {
        return rows.stream().filter(r -> r.index() == run.index()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("run " + run.index() + " is not in this study"));
    }

    @Override
    public void started(RunSpec run, Provenance provenance) {
        feed.offer(vm -> vm.row(run).statusProperty().set(RunStatus.RUNNING));
    }

    @Override
    public void progress(RunSpec run, double fraction, long etaMillis) {
        feed.offer(vm -> {
            RunRow row = vm.row(run);
            row.progressProperty().set(fraction);
            row.etaProperty().set(etaMillis < 0 ? "" : String.format(Locale.ROOT, "%d:%02d", etaMillis / 60_000,
                    etaMillis / 1000 % 60));
        });
    }

    @Override
    public void result(RunSpec run, String name, double value) {
        if (name.equals("finalTestAccuracy")) {
            feed.offer(vm -> vm.row(run).resultProperty().set(String.format(Locale.ROOT, "%.2f %%", 100 * value)));
        }
    }

    @Override
    public void finished(RunSpec run, RunStatus status, String error, Provenance provenance) {
        feed.offer(vm -> {
            RunRow row = vm.row(run);
            row.statusProperty().set(status);
            row.etaProperty().set("");
            if (status == RunStatus.COMPLETED) {
                row.progressProperty().set(1);
            }
            row.reasonProperty().set(error == null ? "" : error);
        });
    }

    private void refreshQueueState() {
        long running = count(RunStatus.RUNNING);
        long queued = count(RunStatus.QUEUED);
        long completed = count(RunStatus.COMPLETED);
        long other = rows.size() - running - queued - completed;
        queueState.set(String.format(Locale.ROOT, "%d running · %d queued · %d completed%s", running, queued, completed,
                other == 0 ? "" : " · " + other + " stopped"));
    }

    private long count(RunStatus status) {
        return rows.stream().filter(r -> r.statusProperty().get() == status).count();
    }
}
