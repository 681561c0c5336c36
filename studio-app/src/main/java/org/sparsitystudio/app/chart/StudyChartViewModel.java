package org.sparsitystudio.app.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.sparsitystudio.app.study.AxisChoice;
import org.sparsitystudio.app.study.RunData;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.charts.SeriesPoint;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunListener;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.persistence.MetricPoint;

/**
 * The chart of a study, live or stored: which of the kind's charts, how its axes look, which runs'
 * training curves, and the resulting {@link StudyPlot.Plot}.
 *
 * <p>Run events arrive on worker threads and only mark the plot stale. The plot is recomputed on a
 * background thread, at most one computation at a time and at most once per frame however many
 * points stream in; only the finished plot is handed to the UI thread. So a study that reports ten
 * thousand points a second costs the UI one cheap dataset swap per frame.
 */
public final class StudyChartViewModel implements RunListener, AutoCloseable {

    /** Curves longer than this are drawn as bucket means; exports keep every point. */
    static final int MAX_DRAWN_POINTS = 150;
    private static final long FRAME_NANOS = 16_000_000;

    private final ExperimentKind kind;
    private final Consumer<Runnable> uiThread;
    private final StudyPlot.MetricSource stored;
    private final Map<Integer, RunState> runs = new ConcurrentHashMap<>();
    private final List<Integer> order = new ArrayList<>();
    private final IntegerProperty chartIndex = new SimpleIntegerProperty(this, "chartIndex", 0);
    private final ObjectProperty<AxisChoice> axis = new SimpleObjectProperty<>(this, "axis");
    private final ObservableSet<Integer> selected = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<StudyPlot.Plot> plot = new ReadOnlyObjectWrapper<>(this, "plot");
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private volatile int renderWidth;
    private volatile int renderHeight;
    private org.jfree.chart.JFreeChart workerChart;
    private org.sparsitystudio.charts.ChartOptions workerOptions;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean stale = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong lastRefresh = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<Frame> undelivered =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile long lastComputeNanos;
    private volatile long lastPointCount;
    private static final long BIG_PLOT_POINTS = 10_000;
    private static final long BIG_PLOT_INTERVAL_NANOS = 100_000_000;
    private volatile int chartIndexSnapshot;
    private volatile AxisChoice axisSnapshot;
    private volatile Set<Integer> selectedSnapshot = Set.of();

    private static final class RunState {
        final RunData base;
        volatile RunStatus status;
        final Map<String, Double> results = new ConcurrentHashMap<>();
        final Map<String, List<MetricPoint>> metrics = new ConcurrentHashMap<>();

        RunState(RunData base) {
            this.base = base;
            this.status = base.status();
            results.putAll(base.results());
        }

        RunData snapshot() {
            return new RunData(base.index(), base.name(), status, base.seed(), base.parameters(), Map.copyOf(results));
        }
    }

    /**
     * @param kind     the study's kind
     * @param runs     the study's runs as known now (queued ones for a new study)
     * @param stored   per-step metrics already in the database; live points are added to them
     * @param uiThread runs a task on the UI thread ({@code Platform::runLater} in the studio)
     */
    public StudyChartViewModel(ExperimentKind kind, List<RunData> runs, StudyPlot.MetricSource stored,
            Consumer<Runnable> uiThread) {
        if (kind.charts().isEmpty()) {
            throw new IllegalArgumentException("kind " + kind.id() + " declares no charts");
        }
        this.kind = kind;
        this.stored = stored;
        this.uiThread = uiThread;
        for (RunData r : runs) {
            this.runs.put(r.index(), new RunState(r));
            order.add(r.index());
        }
        axis.set(AxisChoice.suggested(kind.charts().get(0)));
        chartIndex.addListener((o, before, after) -> {
            axis.set(AxisChoice.suggested(chart(after.intValue())));
            optionsChanged();
        });
        axis.addListener((o, before, after) -> optionsChanged());
        selected.addListener((javafx.collections.SetChangeListener<Integer>) change -> optionsChanged());
        optionsChanged();
    }

    /** Runs of a design that has not started: all queued, no results. */
    public static List<RunData> queued(ExperimentKind kind, List<RunSpec> specs) {
        List<RunData> out = new ArrayList<>();
        for (RunSpec spec : specs) {
            Map<String, String> text = new LinkedHashMap<>();
            for (ParameterSpec p : kind.parameters()) {
                text.put(p.name(), p.format(spec.value(p.name())));
            }
            out.add(new RunData(spec.index(), spec.displayName(), RunStatus.QUEUED, spec.seed(), text, Map.of()));
        }
        return out;
    }

    public ExperimentKind kind() {
        return kind;
    }

    /** The kind's charts, by title. */
    public List<String> chartTitles() {
        return kind.charts().stream().map(ChartSpec::title).toList();
    }

    public IntegerProperty chartIndexProperty() {
        return chartIndex;
    }

    public ObjectProperty<AxisChoice> axisProperty() {
        return axis;
    }

    /** The runs whose training curves are shown; empty for all. */
    public ObservableSet<Integer> selectedRuns() {
        return selected;
    }

    /** The current chart; a training curve chart when its x is the step. */
    public ChartSpec chart() {
        return chart(chartIndex.get());
    }

    private ChartSpec chart(int index) {
        return kind.charts().get(Math.max(0, Math.min(index, kind.charts().size() - 1)));
    }

    /** What is drawn now; replaced (never mutated) on the UI thread. */
    public ReadOnlyObjectProperty<StudyPlot.Plot> plotProperty() {
        return plot.getReadOnlyProperty();
    }

    /** How many plots were computed so far; for measurements. */
    public long refreshCount() {
        return refreshes.get();
    }

    /** The full plot (no thinning) for export, computed now on the calling thread. */
    public StudyPlot.Plot exportPlot() {
        return compute(chart(chartIndexSnapshot), axisSnapshot, selectedSnapshot, false);
    }

    private void optionsChanged() {
        chartIndexSnapshot = chartIndex.get();
        axisSnapshot = axis.get();
        selectedSnapshot = Set.copyOf(selected);
        markStale();
    }

    private void markStale() {
        stale.set(true);
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::refresh);
        }
    }

    private void refresh() {
        try {
            // one plot per frame at most: wait out the rest of the frame, gathering more events
            // big plots (long curves of many runs) refresh ten times a second: every refresh copies
            // and aggregates all their points, and the garbage would otherwise pause the UI
            long interval = Math.max(lastPointCount > BIG_PLOT_POINTS ? BIG_PLOT_INTERVAL_NANOS : FRAME_NANOS,
                    2 * lastComputeNanos);
            long wait = lastRefresh.get() + interval - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        scheduled.set(false);
        if (!stale.getAndSet(false)) {
            return;
        }
        long begin = System.nanoTime();
        lastRefresh.set(begin);
        StudyPlot.Plot next = compute(chart(chartIndexSnapshot), axisSnapshot, selectedSnapshot, true);
        // a plot that took long to compute waits twice as long before the next one, so the
        // computation never takes more than a third of a core from the UI
        lastComputeNanos = System.nanoTime() - begin;
        refreshes.incrementAndGet();
        Frame ready = new Frame(next, render(next));
        // hand over only the newest plot: if the UI thread has not taken the last one yet, this one
        // replaces it instead of queueing behind it, so a slow frame never builds a backlog
        if (undelivered.getAndSet(ready) == null) {
            uiThread.accept(() -> {
                Frame latest = undelivered.getAndSet(null);
                frame.set(latest);
                plot.set(latest.plot());
            });
        }
    }

    /**
     * What the view shows: the plot, and for plots too big to draw on the UI thread in a frame, the
     * chart already drawn here (Java2D, antialiased) at the view's size.
     *
     * @param plot  the plot
     * @param image the drawn chart, or {@code null} when the view should draw it itself
     */
    public record Frame(StudyPlot.Plot plot, java.awt.image.BufferedImage image) {
    }

    /** Plots with more drawn points than this are drawn off the UI thread. */
    static final int DRAW_OFF_THREAD_POINTS = 600;

    /** Where the view will show the chart, in pixels; 0 until it is laid out. */
    public void setRenderSize(int width, int height) {
        if (width != renderWidth || height != renderHeight) {
            renderWidth = width;
            renderHeight = height;
            markStale();
        }
    }

    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    private java.awt.image.BufferedImage render(StudyPlot.Plot next) {
        int points = next.series().stream().mapToInt(x -> x.points().size()).sum();
        int w = renderWidth;
        int h = renderHeight;
        if (points <= DRAW_OFF_THREAD_POINTS || w < 50 || h < 50) {
            return null;
        }
        if (workerChart == null || !next.options().equals(workerOptions)) {
            workerChart = org.sparsitystudio.charts.BandedLineChart.build(next.series(), next.options());
            workerOptions = next.options();
        } else {
            org.sparsitystudio.charts.BandedLineChart.update(workerChart, next.series(), next.options().band());
        }
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_ARGB_PRE);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            workerChart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
        } finally {
            g.dispose();
        }
        return image;
    }

    private StudyPlot.Plot compute(ChartSpec chart, AxisChoice choice, Set<Integer> only, boolean thin) {
        List<RunData> data = new ArrayList<>();
        for (Integer index : order) {
            data.add(runs.get(index).snapshot());
        }
        StudyPlot.Plot full = StudyPlot.plot(kind, chart, data, this::metricSeries, choice, only);
        lastPointCount = full.series().stream().mapToLong(x -> x.points().size()).sum();
        if (!thin) {
            return full;
        }
        List<Series> drawn = new ArrayList<>();
        for (Series s : full.series()) {
            drawn.add(s.points().size() <= MAX_DRAWN_POINTS ? s : thinned(s));
        }
        return new StudyPlot.Plot(drawn, full.options(), full.note());
    }

    /** Bucket means of a long curve, so drawing costs the same however long the run trains. */
    static Series thinned(Series s) {
        List<SeriesPoint> points = s.points();
        List<SeriesPoint> out = new ArrayList<>(MAX_DRAWN_POINTS);
        double bucket = (double) points.size() / MAX_DRAWN_POINTS;
        for (int b = 0; b < MAX_DRAWN_POINTS; b++) {
            int from = (int) Math.floor(b * bucket);
            int to = Math.max(from + 1, (int) Math.floor((b + 1) * bucket));
            double x = 0;
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double std = 0;
            int n = 0;
            for (int i = from; i < to && i < points.size(); i++) {
                SeriesPoint p = points.get(i);
                x += p.x();
                mean += p.mean();
                min = Math.min(min, p.min());
                max = Math.max(max, p.max());
                std += p.std();
                n++;
            }
            if (n > 0) {
                out.add(new SeriesPoint(x / n, mean / n, min, max, std / n, n));
            }
        }
        return new Series(s.name(), out);
    }

    private List<MetricPoint> metricSeries(int runIndex, String name) {
        RunState state = runs.get(runIndex);
        List<MetricPoint> live = state == null ? null : state.metrics.get(name);
        List<MetricPoint> before = stored.series(runIndex, name);
        if (live == null) {
            return before;
        }
        List<MetricPoint> out = new ArrayList<>(before);
        synchronized (live) {
            out.addAll(live);
        }
        return out;
    }

    /**
     * Takes statuses and results read again from the database, for a study that another process
     * runs: the plot follows it as if the events had come here.
     */
    public void refreshFromStore(List<RunData> stored) {
        boolean changed = false;
        for (RunData r : stored) {
            RunState state = runs.get(r.index());
            if (state != null && (state.status != r.status() || !state.results.equals(r.results()))) {
                state.status = r.status();
                state.results.putAll(r.results());
                changed = true;
            }
        }
        ChartSpec shown = chart(chartIndexSnapshot);
        boolean curve = shown.x().equals(ChartSpec.STEP) || shown.pairsMetricsByStep();
        if (changed || (curve && stored.stream().anyMatch(r -> r.status() == RunStatus.RUNNING))) {
            markStale();
        }
    }

    private RunState state(RunSpec run) {
        RunState state = runs.get(run.index());
        if (state == null) {
            throw new IllegalArgumentException("run " + run.index() + " is not in this study");
        }
        return state;
    }

    @Override
    public void started(RunSpec run, Provenance provenance) {
        state(run).status = RunStatus.RUNNING;
        markStale();
    }

    @Override
    public void metric(RunSpec run, String name, long step, double value, long wallMillis) {
        List<MetricPoint> list = state(run).metrics.computeIfAbsent(name,
                k -> Collections.synchronizedList(new ArrayList<>()));
        list.add(new MetricPoint(step, value, java.time.Instant.ofEpochMilli(wallMillis)));
        ChartSpec shown = chart(chartIndexSnapshot);
        boolean curve = shown.x().equals(ChartSpec.STEP) || shown.pairsMetricsByStep();
        if (curve && (shown.y().equals(name) || shown.x().equals(name))) {
            markStale();
        }
    }

    @Override
    public void result(RunSpec run, String name, double value) {
        state(run).results.put(name, value);
    }

    @Override
    public void finished(RunSpec run, RunStatus status, String error, Provenance provenance) {
        state(run).status = status;
        markStale();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
