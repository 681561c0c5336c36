package org.sparsitystudio.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.app.study.RunData;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.charts.SeriesPoint;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.RunSpec;

/**
 * The live chart's view model without JavaFX running: events arrive on other threads, plots come
 * back through a UI queue this test drains by hand, never more than one waiting.
 */
class StudyChartViewModelTest {

    private final RandomPruningKind kind = new RandomPruningKind();
    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();

    private StudyChartViewModel model(int runs) {
        List<RunData> data = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            data.add(new RunData(i, "run " + i, RunStatus.QUEUED, i,
                    Map.of("sparsity", Double.toString(i / 10.0), "width", "1", "distribution", "erk"), Map.of()));
        }
        return new StudyChartViewModel(kind, data, (run, name) -> List.of(), ui::add);
    }

    private StudyPlot.Plot nextPlot(StudyChartViewModel model) throws InterruptedException {
        Runnable task = ui.poll(5, TimeUnit.SECONDS);
        assertTrue(task != null, "a plot was handed to the UI thread");
        task.run();
        return model.plotProperty().get();
    }

    private static int points(StudyPlot.Plot plot) {
        return plot.series().stream().mapToInt(s -> s.points().size()).sum();
    }

    @Test
    void aFinishedRunBecomesAPointAndOnlyTheNewestPlotWaits() throws Exception {
        try (StudyChartViewModel model = model(3)) {
            assertEquals(0, points(nextPlot(model)), "queued runs draw nothing");
            RunSpec first = new RunSpec(kind.id(), 0, Map.of(), 0, "run 0");
            Thread worker = new Thread(() -> {
                model.started(first, null);
                model.result(first, "finalTestAccuracy", 0.87);
                model.finished(first, RunStatus.COMPLETED, null, null);
            });
            worker.start();
            worker.join();
            StudyPlot.Plot plot = nextPlot(model);
            for (long deadline = System.nanoTime() + 5_000_000_000L; points(plot) == 0 && System.nanoTime() < deadline;) {
                plot = nextPlot(model);
            }
            assertEquals(1, points(plot));
            assertEquals(87.0, plot.series().get(0).points().get(0).mean(), 1e-9);
            Thread.sleep(100);
            assertTrue(ui.size() <= 1, "never a backlog of plots: " + ui.size());
        }
    }

    @Test
    void trainingCurvesGrowWhileRunsTrainAndLongOnesAreThinnedForDrawing() throws Exception {
        try (StudyChartViewModel model = model(1)) {
            int curve = kind.charts().indexOf(kind.charts().stream().filter(c -> c.x().equals(ChartSpec.STEP))
                    .findFirst().orElseThrow());
            model.chartIndexProperty().set(curve);
            RunSpec run = new RunSpec(kind.id(), 0, Map.of(), 0, "run 0");
            model.started(run, null);
            int steps = 5 * StudyChartViewModel.MAX_DRAWN_POINTS;
            for (int step = 0; step < steps; step++) {
                model.metric(run, "testAccuracy", step, 0.5, 0);
            }
            StudyPlot.Plot plot = nextPlot(model);
            for (long deadline = System.nanoTime() + 5_000_000_000L;
                    points(plot) < StudyChartViewModel.MAX_DRAWN_POINTS && System.nanoTime() < deadline;) {
                plot = nextPlot(model);
            }
            assertEquals(StudyChartViewModel.MAX_DRAWN_POINTS, points(plot), "drawn as bucket means");
            assertEquals(steps, points(model.exportPlot()), "export keeps every point");
        }
    }

    @Test
    void thinningKeepsTheMeanAndTheEnvelope() {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            points.add(new SeriesPoint(i, i % 2, i % 2, i % 2, 0, 1));
        }
        Series thin = StudyChartViewModel.thinned(new Series("s", points));
        assertEquals(StudyChartViewModel.MAX_DRAWN_POINTS, thin.points().size());
        assertTrue(thin.points().stream().allMatch(p -> p.min() == 0 && p.max() == 1), "min and max of each bucket");
    }
}
