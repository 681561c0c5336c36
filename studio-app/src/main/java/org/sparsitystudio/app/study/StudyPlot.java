package org.sparsitystudio.app.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.charts.Observation;
import org.sparsitystudio.charts.PowerLaw;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.persistence.MetricPoint;

/**
 * Turns a study's runs into what one of its kind's charts plots, the same way for the command line,
 * the live study view, the browser and the compare view. Runs that differ only in seed become one
 * point (mean with a band); every other parameter that varies, besides x and the parameters the
 * chart says set x, splits series. The x of a sweep summary is a parameter or, failing that, a
 * result of the run (a parameter count).
 */
public final class StudyPlot {

    /** A run's per-step metric, from the database or from memory while the run trains. */
    @FunctionalInterface
    public interface MetricSource {
        /** The points of metric {@code name} of the run at sweep position {@code runIndex}. */
        List<MetricPoint> series(int runIndex, String name);
    }

    /**
     * What to draw.
     *
     * @param series  the aggregated series
     * @param options titles, axis labels, band, log axes and whether to fit
     * @param note    what was left out and why, or empty
     */
    public record Plot(List<Series> series, ChartOptions options, String note) {

        /**
         * Each series' power law by series name, in series order, when the options ask for fits;
         * series without two distinct positive x with positive means have none. The same fits the
         * charts module draws, for a command line or a test to read as numbers.
         */
        public Map<String, PowerLaw> fits() {
            Map<String, PowerLaw> out = new java.util.LinkedHashMap<>();
            if (options.powerLawFit()) {
                for (Series s : series) {
                    PowerLaw.fit(s).ifPresent(fit -> out.put(s.name(), fit));
                }
            }
            return out;
        }
    }

    private StudyPlot() {
    }

    /**
     * The plot of {@code chart} over {@code runs}.
     *
     * @param selected sweep positions whose training curves to show; empty for all
     */
    public static Plot plot(ExperimentKind kind, ChartSpec chart, List<RunData> runs, MetricSource metrics,
            AxisChoice axis, Set<Integer> selected) {
        List<String> notes = new ArrayList<>();
        List<Observation> points = observations(kind, chart, runs, metrics, axis, selected, "", notes);
        return new Plot(Series.aggregate(points), options(kind, chart, axis), String.join("; ", notes));
    }

    /**
     * The points of {@code chart}, each series name prefixed with {@code prefix} (the compare view
     * overlays studies this way); reasons for left-out runs are added to {@code notes}.
     */
    public static List<Observation> observations(ExperimentKind kind, ChartSpec chart, List<RunData> runs,
            MetricSource metrics, AxisChoice axis, Set<Integer> selected, String prefix, List<String> notes) {
        boolean curve = chart.x().equals(ChartSpec.STEP) || chart.pairsMetricsByStep();
        List<String> splitBy = splitBy(kind, chart, runs);
        double xScale = "fraction".equals(unit(kind, chart.x())) ? 100 : 1;
        double yScale = "fraction".equals(unit(kind, chart.y())) ? 100 : 1;
        boolean density = axis.density() && isSparsity(kind, chart.x());
        boolean relative = axis.relativeToDense() && !curve;
        Map<String, Double> denseByPartner = relative ? denseResults(chart, runs) : Map.of();
        int droppedLog = 0;
        int withoutDense = 0;
        List<Observation> out = new ArrayList<>();
        for (RunData run : runs) {
            boolean live = curve && run.status() == RunStatus.RUNNING;
            if (run.status() != RunStatus.COMPLETED && !live) {
                continue;
            }
            if (curve && !selected.isEmpty() && !selected.contains(run.index())) {
                continue;
            }
            String series = prefix + seriesName(kind, run, splitBy, curve && !selected.isEmpty());
            if (chart.pairsMetricsByStep()) {
                droppedLog += pairedByStep(chart, run, metrics, series, xScale, yScale, density,
                        axis.relativeToDense(), axis.logX(), out);
                continue;
            }
            if (curve) {
                for (MetricPoint point : metrics.series(run.index(), chart.y())) {
                    out.add(new Observation(series, point.step(), yScale * point.value()));
                }
                continue;
            }
            Double y = run.results().get(chart.y());
            Double xValue = xOf(chart, run);
            if (y == null || xValue == null) {
                continue;
            }
            double x = xScale * xValue;
            if (density) {
                x = 100 - x;
            }
            double value = yScale * y;
            if (relative) {
                Double dense = denseByPartner.get(partnerKey(chart, run));
                if (dense == null || dense == 0) {
                    withoutDense++;
                    continue;
                }
                value = 100 * y / dense;
            }
            if (axis.logX() && x <= 0) {
                droppedLog++;
                continue;
            }
            out.add(new Observation(series, x, value));
        }
        if (droppedLog > 0) {
            notes.add(droppedLog + (droppedLog == 1 ? " point" : " points") + " at x ≤ 0 not shown on the log axis");
        }
        if (axis.logY()) {
            int before = out.size();
            out.removeIf(o -> o.y() <= 0);
            int droppedLogY = before - out.size();
            if (droppedLogY > 0) {
                notes.add(droppedLogY + (droppedLogY == 1 ? " point" : " points") + " at y ≤ 0 not shown on the log y axis");
            }
        }
        if (withoutDense > 0) {
            notes.add(withoutDense + (withoutDense == 1 ? " run has" : " runs have")
                    + " no dense run (" + chart.x() + " = 0) with the same seed and settings");
        }
        return out;
    }

    /**
     * One point per step at which the run reported both metrics (e.g. pruned accuracy at each
     * sparsity level); relative to dense divides by the run's own value at x = 0. Returns the
     * number of points left out of a log axis.
     */
    private static int pairedByStep(ChartSpec chart, RunData run, MetricSource metrics, String series, double xScale,
            double yScale, boolean density, boolean relative, boolean logX, List<Observation> out) {
        Map<Long, Double> xs = new HashMap<>();
        for (MetricPoint p : metrics.series(run.index(), chart.x())) {
            xs.put(p.step(), p.value());
        }
        List<MetricPoint> ys = metrics.series(run.index(), chart.y());
        Double dense = null;
        for (MetricPoint p : ys) {
            Double x = xs.get(p.step());
            if (x != null && x == 0) {
                dense = p.value();
            }
        }
        int dropped = 0;
        for (MetricPoint p : ys) {
            Double xValue = xs.get(p.step());
            if (xValue == null) {
                continue;
            }
            double x = xScale * xValue;
            x = density ? 100 - x : x;
            if (logX && x <= 0) {
                dropped++;
                continue;
            }
            if (relative) {
                if (dense != null && dense != 0) {
                    out.add(new Observation(series, x, 100 * p.value() / dense));
                }
            } else {
                out.add(new Observation(series, x, yScale * p.value()));
            }
        }
        return dropped;
    }

    /**
     * A sweep summary's x of a run: the parameter of that name, or else the run's result of that
     * name (a model's parameter count, which width and depth set).
     */
    private static Double xOf(ChartSpec chart, RunData run) {
        String text = run.parameters().get(chart.x());
        return text != null ? Double.valueOf(Double.parseDouble(text)) : run.results().get(chart.x());
    }

    /** Titles and axis labels of {@code chart} as seen through {@code axis}. */
    public static ChartOptions options(ExperimentKind kind, ChartSpec chart, AxisChoice axis) {
        String xLabel = label(kind, chart.x());
        if (axis.density() && isSparsity(kind, chart.x())) {
            xLabel = "Density (%)";
        }
        String yLabel = label(kind, chart.y());
        if (axis.relativeToDense() && (!chart.x().equals(ChartSpec.STEP) || chart.pairsMetricsByStep())) {
            yLabel = label(kind, chart.y()).replace(" (%)", "") + " (% of dense)";
        }
        return new ChartOptions(chart.title(), xLabel, yLabel, axis.logX(), axis.band(), axis.logY(),
                axis.powerLawFit());
    }

    /** Whether the density option means something for x: a sparsity given as a fraction. */
    public static boolean isSparsity(ExperimentKind kind, String x) {
        return x.toLowerCase(Locale.ROOT).contains("sparsity") && "fraction".equals(unit(kind, x));
    }

    private static List<String> splitBy(ExperimentKind kind, ChartSpec chart, List<RunData> runs) {
        List<String> splitBy = new ArrayList<>();
        chart.groupByParameter().ifPresent(splitBy::add);
        for (ParameterSpec p : kind.parameters()) {
            boolean varies = runs.stream().map(r -> r.parameters().get(p.name())).distinct().count() > 1;
            // parameters that set a result on x move a run along x rather than onto a series of its own
            if (varies && !p.name().equals(chart.x()) && !chart.xFrom().contains(p.name())
                    && !splitBy.contains(p.name())) {
                splitBy.add(p.name());
            }
        }
        return splitBy;
    }

    private static String seriesName(ExperimentKind kind, RunData run, List<String> splitBy, boolean perRun) {
        if (perRun) {
            return run.name();
        }
        StringBuilder name = new StringBuilder();
        for (String p : splitBy) {
            name.append(name.length() == 0 ? "" : " · ").append(p).append('=').append(run.parameters().get(p));
        }
        return name.length() == 0 ? kind.title() : name.toString();
    }

    /** Final results of the runs at x = 0, by everything else that identifies a run (seed included). */
    private static Map<String, Double> denseResults(ChartSpec chart, List<RunData> runs) {
        Map<String, Double> out = new HashMap<>();
        for (RunData run : runs) {
            String x = run.parameters().get(chart.x());
            Double y = run.results().get(chart.y());
            if (run.status() == RunStatus.COMPLETED && x != null && y != null && Double.parseDouble(x) == 0) {
                out.put(partnerKey(chart, run), y);
            }
        }
        return out;
    }

    private static String partnerKey(ChartSpec chart, RunData run) {
        Map<String, String> rest = new TreeMap<>(run.parameters());
        rest.remove(chart.x());
        return rest + "|seed=" + run.seed();
    }

    /** An axis label with its unit: "Sparsity (%)", "Epoch" (the kind's step label), "Final test accuracy (%)". */
    public static String label(ExperimentKind kind, String name) {
        if (name.equals(ChartSpec.STEP)) {
            return kind.stepLabel();
        }
        String unit = unit(kind, name);
        String text = kind.parameter(name).map(ParameterSpec::label).orElse(humanize(name));
        return unit.equals("fraction") ? text + " (%)" : unit.isEmpty() ? text : text + " (" + unit + ")";
    }

    /** "finalTestAccuracy" → "Final test accuracy". */
    public static String humanize(String camel) {
        String words = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The unit a kind declares for a parameter or metric, or empty. */
    public static String unit(ExperimentKind kind, String name) {
        return kind.parameter(name).map(ParameterSpec::unit)
                .or(() -> kind.metrics().stream().filter(m -> m.name().equals(name)).map(MetricSpec::unit).findFirst())
                .orElse("");
    }
}
