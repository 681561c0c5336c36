package org.sparsitystudio.app.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparsitystudio.app.study.RunData;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A measurement, not a test of speed: 10,000 metric points a second stream from a worker thread
 * into the live training-curve chart for twelve seconds while the FX pulse is timed. Prints the
 * median, 99th-percentile and longest gap between pulses after two seconds of warm-up, and the
 * longest gap during the warm-up. Run with
 * {@code ./mvnw -pl studio-app -am test -Dsurefire.excludedGroups=none -Dtest=LiveChartResponsivenessBench}.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class LiveChartResponsivenessBench {

    private static final int RUNS = 20;
    private StudyChartViewModel model;

    @Start
    void start(Stage stage) {
        RandomPruningKind kind = new RandomPruningKind();
        List<RunData> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(new RunData(i, "run " + i, RunStatus.QUEUED, i, Map.of("sparsity", Double.toString(i / 25.0),
                    "width", "1", "distribution", "erk"), Map.of()));
        }
        model = new StudyChartViewModel(kind, runs, (run, name) -> List.of(), Platform::runLater);
        int curve = 0;
        for (int i = 0; i < kind.charts().size(); i++) {
            if (kind.charts().get(i).x().equals(ChartSpec.STEP)) {
                curve = i;
            }
        }
        model.chartIndexProperty().set(curve);
        stage.setScene(new Scene(new StudyChartView(model, null), 1000, 640));
        stage.show();
    }

    @Test
    void tenThousandPointsASecondKeepPulsesUnderFiftyMilliseconds(FxRobot robot) throws Exception {
        RandomPruningKind kind = new RandomPruningKind();
        List<RunSpec> specs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            specs.add(new RunSpec(kind.id(), i, Map.of(), i, "run " + i));
            model.started(specs.get(i), null);
        }
        List<Long> gaps = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> gapEnds = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] last = {0};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long nanoNow = System.nanoTime();
                if (last[0] != 0) {
                    gaps.add(nanoNow - last[0]);
                    gapEnds.add(nanoNow);
                }
                last[0] = nanoNow;
            }
        };
        Platform.runLater(timer::start);
        long seconds = 12;
        long sent = 0;
        long begin = System.nanoTime();
        long step = 0;
        while (System.nanoTime() - begin < seconds * 1_000_000_000L) {
            // 100 points every 10 ms: 10,000 a second, spread over the runs
            for (int k = 0; k < 100; k++) {
                int run = (int) (sent % RUNS);
                model.metric(specs.get(run), "testAccuracy", step, 0.5 + 0.4 * Math.sin(step / 500.0 + run), 0);
                sent++;
                if (run == RUNS - 1) {
                    step++;
                }
            }
            long next = begin + (sent / 100) * 10_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        Thread.sleep(200);
        Platform.runLater(timer::stop);
        List<Long> sorted = new ArrayList<>();
        long warmUpEnd = begin + 2_000_000_000L;
        long firstSecondMax = 0;
        synchronized (gaps) {
            for (int i = 0; i < gaps.size(); i++) {
                if (gapEnds.get(i) > warmUpEnd) {
                    sorted.add(gaps.get(i));
                } else {
                    firstSecondMax = Math.max(firstSecondMax, gaps.get(i));
                }
            }
        }
        sorted.sort(null);
        StringBuilder slow = new StringBuilder();
        synchronized (gaps) {
            for (int i = 0; i < gaps.size(); i++) {
                if (gapEnds.get(i) > warmUpEnd && gaps.get(i) > 33_000_000L) {
                    slow.append(String.format(Locale.ROOT, " %.0f ms at %.2f s;", gaps.get(i) / 1e6,
                            (gapEnds.get(i) - begin) / 1e9));
                }
            }
        }
        System.out.println("live chart: gaps over two frames:" + (slow.length() == 0 ? " none" : slow));
        System.out.printf(Locale.ROOT, "live chart: longest pulse gap in the first two seconds (warm-up: class loading, JIT) %.1f ms%n",
                firstSecondMax / 1e6);
        double max = sorted.get(sorted.size() - 1) / 1e6;
        double p99 = sorted.get((int) (0.99 * (sorted.size() - 1))) / 1e6;
        double median = sorted.get(sorted.size() / 2) / 1e6;
        System.out.printf(Locale.ROOT, "live chart: %d points in %.1f s (%.0f/s), %d pulses after the warm-up, %d plot refreshes; "
                + "pulse gap median %.1f ms, p99 %.1f ms, max %.1f ms%n", sent, elapsed, sent / elapsed, sorted.size(),
                model.refreshCount(), median, p99, max);
        assertTrue(model.refreshCount() > 0 && sorted.size() > 100, "the chart refreshed and pulses ran");
    }
}
