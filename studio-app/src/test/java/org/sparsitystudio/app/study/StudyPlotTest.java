package org.sparsitystudio.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.persistence.MetricPoint;

/** What the charts plot, from hand-made runs of the real random-pruning kind. */
class StudyPlotTest {

    private final RandomPruningKind kind = new RandomPruningKind();
    private final ChartSpec accuracyVsSparsity = kind.charts().get(0);

    private static RunData run(int index, String width, String sparsity, long seed, double accuracy, RunStatus status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("width", width);
        p.put("sparsity", sparsity);
        p.put("distribution", "erk");
        return new RunData(index, "run " + index, status, seed, p, Map.of("finalTestAccuracy", accuracy));
    }

    private static List<RunData> study() {
        List<RunData> runs = new ArrayList<>();
        int i = 0;
        for (long seed : new long[] {1, 2}) {
            runs.add(run(i++, "1", "0", seed, 0.88 + seed * 0.01, RunStatus.COMPLETED));
            runs.add(run(i++, "1", "0.9", seed, 0.80 + seed * 0.01, RunStatus.COMPLETED));
            runs.add(run(i++, "2", "0", seed, 0.90, RunStatus.COMPLETED));
            runs.add(run(i++, "2", "0.9", seed, 0.85, RunStatus.COMPLETED));
        }
        runs.add(run(i, "2", "0.5", 1, 0.1, RunStatus.RUNNING));
        return runs;
    }

    private static StudyPlot.MetricSource noMetrics() {
        return (run, name) -> List.of();
    }

    @Test
    void seedsBecomeOnePointWithABandAndTheGroupSplitsSeries() {
        StudyPlot.Plot plot = StudyPlot.plot(kind, accuracyVsSparsity, study(), noMetrics(),
                AxisChoice.suggested(accuracyVsSparsity), Set.of());
        assertEquals(List.of("width=1", "width=2"), plot.series().stream().map(Series::name).toList());
        var widthOne = plot.series().get(0).points();
        assertEquals(List.of(0.0, 90.0), widthOne.stream().map(p -> p.x()).toList(), "sparsity in percent");
        assertEquals(89.5, widthOne.get(0).mean(), 1e-9);
        assertEquals(89, widthOne.get(0).min(), 1e-9);
        assertEquals(90, widthOne.get(0).max(), 1e-9);
        assertEquals(2, widthOne.get(0).n(), "the running run is not a point yet");
        assertEquals("Sparsity (%)", plot.options().xLabel());
        assertEquals(ChartOptions.Band.MIN_MAX, plot.options().band());
    }

    @Test
    void densityLogAndRelativeToDenseTransformTheAxes() {
        AxisChoice density = new AxisChoice(false, true, ChartOptions.Band.NONE, false);
        StudyPlot.Plot plot = StudyPlot.plot(kind, accuracyVsSparsity, study(), noMetrics(), density, Set.of());
        assertEquals(List.of(10.0, 100.0), plot.series().get(0).points().stream().map(p -> p.x()).toList());
        assertEquals("Density (%)", plot.options().xLabel());

        AxisChoice log = new AxisChoice(true, false, ChartOptions.Band.NONE, false);
        plot = StudyPlot.plot(kind, accuracyVsSparsity, study(), noMetrics(), log, Set.of());
        assertEquals(1, plot.series().get(0).points().size(), "x = 0 cannot sit on a log axis");
        assertTrue(plot.note().contains("4 points at x ≤ 0"), plot.note());

        AxisChoice relative = new AxisChoice(false, false, ChartOptions.Band.MIN_MAX, true);
        plot = StudyPlot.plot(kind, accuracyVsSparsity, study(), noMetrics(), relative, Set.of());
        var sparse = plot.series().get(0).points().get(1);
        // seed 1: 0.81 / 0.89, seed 2: 0.82 / 0.90, each against the dense run of its own seed
        assertEquals(100 * (0.81 / 0.89 + 0.82 / 0.90) / 2, sparse.mean(), 1e-9);
        assertEquals(100, plot.series().get(0).points().get(0).mean(), 1e-9);
        assertTrue(plot.options().yLabel().endsWith("(% of dense)"), plot.options().yLabel());
    }

    @Test
    void logYLeavesOutPointsAtOrBelowZeroAndSaysSo() {
        List<RunData> runs = new ArrayList<>(study());
        runs.add(run(runs.size(), "1", "0.99", 1, 0.0, RunStatus.COMPLETED));
        AxisChoice logY = new AxisChoice(false, false, ChartOptions.Band.NONE, false, true, true);
        StudyPlot.Plot plot = StudyPlot.plot(kind, accuracyVsSparsity, runs, noMetrics(), logY, Set.of());
        assertEquals(List.of(0.0, 90.0), plot.series().get(0).points().stream().map(p -> p.x()).toList(),
                "accuracy 0 has no place on a log y axis");
        assertTrue(plot.note().contains("1 point at y ≤ 0 not shown on the log y axis"), plot.note());
        assertTrue(plot.options().logY() && plot.options().powerLawFit());
        assertTrue(plot.fits().isEmpty(), "x = 0 has no logarithm, which leaves one point per series and no fit: "
                + plot.fits());
    }

    @Test
    void trainingCurvesIncludeRunningRunsAndFollowTheSelection() {
        ChartSpec curve = kind.charts().stream().filter(c -> c.x().equals(ChartSpec.STEP)).findFirst().orElseThrow();
        StudyPlot.MetricSource metrics = (run, name) -> List.of(new MetricPoint(1, 0.5 + run / 100.0, java.time.Instant.EPOCH),
                new MetricPoint(2, 0.6 + run / 100.0, java.time.Instant.EPOCH));
        StudyPlot.Plot all = StudyPlot.plot(kind, curve, study(), metrics, AxisChoice.suggested(curve), Set.of());
        int points = all.series().stream().mapToInt(s -> s.points().size()).sum();
        assertTrue(all.series().stream().anyMatch(s -> s.name().contains("sparsity=0.5")), "the running run's curve grows");
        assertEquals("Epoch", all.options().xLabel());
        assertEquals("Step", StudyPlot.options(new org.sparsitystudio.experiments.kinds.lazyneuron.LazyNeuronKind(),
                curve, AxisChoice.suggested(curve)).xLabel(), "a kind that reports at optimizer steps says so");
        assertTrue(points >= 2);
        StudyPlot.Plot one = StudyPlot.plot(kind, curve, study(), metrics, AxisChoice.suggested(curve), Set.of(3));
        assertEquals(List.of("run 3"), one.series().stream().map(Series::name).toList(), "selected runs by name");
        assertEquals(53.0, one.series().get(0).points().get(0).mean(), 1e-9);
    }

    @Test
    void aMetricAgainstAMetricPairsThemByStep() {
        var essential = new org.sparsitystudio.experiments.kinds.essential.EssentialSparsityKind();
        ChartSpec chart = essential.charts().stream().filter(ChartSpec::pairsMetricsByStep).findFirst().orElseThrow();
        RunData run = new RunData(0, "supervised", RunStatus.COMPLETED, 1, Map.of("objective", "supervised"), Map.of());
        double[] levels = {0, 0.5, 0.9};
        double[] accuracy = {0.86, 0.85, 0.60};
        StudyPlot.MetricSource metrics = (index, name) -> {
            List<MetricPoint> out = new ArrayList<>();
            for (int step = 0; step < levels.length; step++) {
                double v = name.equals(chart.x()) ? levels[step] : name.equals(chart.y()) ? accuracy[step] : Double.NaN;
                out.add(new MetricPoint(step, v, java.time.Instant.EPOCH));
            }
            return out;
        };
        StudyPlot.Plot plot = StudyPlot.plot(essential, chart, List.of(run), metrics, AxisChoice.suggested(chart), Set.of());
        var points = plot.series().get(0).points();
        assertEquals(List.of(0.0, 50.0, 90.0), points.stream().map(p -> p.x()).toList());
        assertEquals(60.0, points.get(2).mean(), 1e-9);
        StudyPlot.Plot relative = StudyPlot.plot(essential, chart, List.of(run), metrics,
                new AxisChoice(false, true, ChartOptions.Band.NONE, true), Set.of());
        var rel = relative.series().get(0).points();
        assertEquals(10.0, rel.get(0).x(), 1e-9, "density of 90 % sparsity");
        assertEquals(100 * 0.60 / 0.86, rel.get(0).mean(), 1e-9, "as a share of the run's own dense accuracy");
    }
}
