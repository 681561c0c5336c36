package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.ChartExporter;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.charts.Observation;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.MetricPoint;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Draws one of a study's charts (as its kind declares them) from the database and writes it as
 * PNG (300 DPI, paper column sizes), SVG and the CSV of the plotted numbers. Runs that differ only
 * in seed become one point with a min–max band; every other parameter that varies splits series.
 */
@Command(name = "chart", mixinStandardHelpOptions = true, description = "Export a study's chart as PNG, SVG and CSV.")
final class ChartCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "STUDY") private long studyId;

    @Option(names = "--chart", defaultValue = "0", description = "Which of the kind's charts (default: the first).")
    private int chartIndex;

    @Option(names = "--png", description = "PNG file (300 DPI).") private Path png;

    @Option(names = "--svg", description = "SVG file.") private Path svg;

    @Option(names = "--csv", description = "CSV of the plotted numbers.") private Path csv;

    @Option(names = "--size", defaultValue = "double", description = "single (3.5 in) or double (7 in) column.")
    private String size;

    @Override
    public Integer call() throws Exception {
        if (png == null && svg == null && csv == null) {
            throw new IllegalArgumentException("say where to write the chart: --png, --svg and/or --csv");
        }
        ChartExporter.Size paperSize = switch (size.toLowerCase(Locale.ROOT)) {
            case "single" -> ChartExporter.Size.SINGLE_COLUMN;
            case "double" -> ChartExporter.Size.DOUBLE_COLUMN;
            default -> throw new IllegalArgumentException("--size is single or double, got " + size);
        };
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            StoredStudy stored = StoredStudy.load(db, studyId);
            Study study = stored.study();
            ExperimentKind kind = ExperimentKinds.load().get(study.kindId());
            if (chartIndex < 0 || chartIndex >= kind.charts().size()) {
                throw new IllegalArgumentException("kind " + kind.id() + " has charts 0.." + (kind.charts().size() - 1));
            }
            ChartSpec chart = kind.charts().get(chartIndex);
            List<Series> series = Series.aggregate(observations(db, stored, kind, chart));
            String xLabel = label(kind, chart.x());
            String yLabel = label(kind, chart.y());
            JFreeChart drawn = BandedLineChart.build(series,
                    new ChartOptions(chart.title(), xLabel, yLabel, chart.logX(), chart.bandAcrossSeeds()));
            if (png != null) {
                ChartExporter.png(drawn, paperSize, png);
                out.println("wrote " + png.toAbsolutePath());
            }
            if (svg != null) {
                ChartExporter.svg(drawn, paperSize, svg);
                out.println("wrote " + svg.toAbsolutePath());
            }
            if (csv != null) {
                ChartExporter.csv(series, chart.x(), chart.y(), csv);
                out.println("wrote " + csv.toAbsolutePath());
            }
        }
        out.flush();
        return 0;
    }

    private static List<Observation> observations(Database db, StoredStudy stored, ExperimentKind kind,
            ChartSpec chart) {
        List<RunRecord> runs = stored.runs();
        List<Map<String, String>> parameters = stored.parameters();
        List<String> splitBy = new ArrayList<>();
        chart.groupByParameter().ifPresent(splitBy::add);
        for (ParameterSpec p : kind.parameters()) {
            boolean varies = parameters.stream().map(m -> m.get(p.name())).distinct().count() > 1;
            if (varies && !p.name().equals(chart.x()) && !splitBy.contains(p.name())) {
                splitBy.add(p.name());
            }
        }
        double xScale = "fraction".equals(unit(kind, chart.x())) ? 100 : 1;
        double yScale = "fraction".equals(unit(kind, chart.y())) ? 100 : 1;
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord run = runs.get(i);
            if (run.status() != org.sparsitystudio.experiments.run.RunStatus.COMPLETED) {
                continue;
            }
            StringBuilder name = new StringBuilder();
            for (String p : splitBy) {
                name.append(name.length() == 0 ? "" : " · ").append(p).append('=').append(parameters.get(i).get(p));
            }
            String series = name.length() == 0 ? kind.title() : name.toString();
            if (chart.x().equals(ChartSpec.STEP)) {
                for (MetricPoint point : db.metrics().series(run.id(), chart.y())) {
                    out.add(new Observation(series, point.step(), yScale * point.value()));
                }
            } else {
                Double y = stored.results().get(i).get(chart.y());
                String x = parameters.get(i).get(chart.x());
                if (y != null && x != null) {
                    out.add(new Observation(series, xScale * Double.parseDouble(x), yScale * y));
                }
            }
        }
        return out;
    }

    private static String label(ExperimentKind kind, String name) {
        if (name.equals(ChartSpec.STEP)) {
            return "Epoch";
        }
        String unit = unit(kind, name);
        String text = kind.parameter(name).map(ParameterSpec::label).orElse(humanize(name));
        return unit.equals("fraction") ? text + " (%)" : unit.isEmpty() ? text : text + " (" + unit + ")";
    }

    /** "finalTestAccuracy" → "Final test accuracy". */
    static String humanize(String camel) {
        String words = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String unit(ExperimentKind kind, String name) {
        return kind.parameter(name).map(ParameterSpec::unit)
                .or(() -> kind.metrics().stream().filter(m -> m.name().equals(name)).map(MetricSpec::unit).findFirst())
                .orElse("");
    }
}
