package org.sparsitystudio.app.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.ChartExporter;
import org.sparsitystudio.experiments.spi.ChartSpec;

/**
 * Writes what a chart shows to a file the user chose: PNG at a chosen size and resolution, SVG,
 * PDF, or the CSV of the plotted numbers. No JavaFX here, so the dialog stays thin and tests call it
 * directly too.
 */
public final class ChartExport {

    /** The file formats a chart exports to. */
    public enum Format {
        PNG("png"), SVG("svg"), PDF("pdf"), CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format a file name asks for by its extension, if any. */
        public static java.util.Optional<Format> ofFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (lower.endsWith("." + f.extension)) {
                    return java.util.Optional.of(f);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * What to write.
     *
     * @param format       file format
     * @param widthInches  figure width (PNG, SVG, PDF)
     * @param heightInches figure height
     * @param dpi          PNG resolution
     */
    public record Request(Format format, double widthInches, double heightInches, int dpi) {

        /** Checks the numbers, with a message for the dialog. */
        public Request {
            if (!(widthInches >= 1 && widthInches <= 40 && heightInches >= 1 && heightInches <= 40)) {
                throw new IllegalArgumentException("width and height must be 1 to 40 inches");
            }
            if (dpi < 36 || dpi > 1200) {
                throw new IllegalArgumentException("resolution must be 36 to 1200 DPI");
            }
        }
    }

    private ChartExport() {
    }

    /** "study-12-test-accuracy-vs-sparsity.png". */
    public static String defaultFileName(long studyId, String chartTitle, Format format) {
        String slug = chartTitle.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "study-" + studyId + "-" + slug + "." + format.extension();
    }

    /** Writes {@code plot} of {@code chart} to {@code file}. */
    public static void write(StudyPlot.Plot plot, ChartSpec chart, Request request, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new IOException("folder " + parent + " is not writable");
        }
        JFreeChart drawn = BandedLineChart.build(plot.series(), plot.options());
        switch (request.format()) {
            case PNG -> ChartExporter.png(drawn, request.widthInches(), request.heightInches(), request.dpi(), file);
            case SVG -> ChartExporter.svg(drawn, request.widthInches(), request.heightInches(), file);
            case PDF -> ChartExporter.pdf(drawn, request.widthInches(), request.heightInches(), file);
            case CSV -> ChartExporter.csv(plot.series(), chart.x(), chart.y(), file);
            default -> throw new IllegalStateException("unknown format " + request.format());
        }
    }
}
