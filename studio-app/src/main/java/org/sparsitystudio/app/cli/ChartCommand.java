package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.sparsitystudio.app.study.AxisChoice;
import org.sparsitystudio.app.study.StoredStudy;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.ChartExporter;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.persistence.Database;
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
 * Log axes and power-law fits follow the kind's chart; the fits are also printed as numbers.
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
            StudyPlot.Plot plot = StudyPlot.plot(kind, chart, stored.runData(), stored.metricSource(db),
                    AxisChoice.suggested(chart), java.util.Set.of());
            List<Series> series = plot.series();
            JFreeChart drawn = BandedLineChart.build(series, plot.options());
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
            // the fits as numbers too: a reader of the CSV or of a log should not have to read them off the figure
            plot.fits().forEach((name, fit) -> out.printf(Locale.ROOT, "%s (%d points, x %s to %s)%n",
                    BandedLineChart.fitName(name, fit, series.size()), fit.points(), fit.fromX(), fit.toX()));
            if (!plot.note().isEmpty()) {
                out.println("note: " + plot.note());
            }
        }
        out.flush();
        return 0;
    }

}
