package org.sparsitystudio.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart as PNG at a paper size and 300 DPI (or a chosen size and resolution), as SVG and
 * PDF (vector), and the CSV of exactly the plotted numbers. Every file is written to a temporary name and moved into place, so a failed
 * export never leaves half a file.
 */
public final class ChartExporter {

    /** Figure sizes of two-column papers, in inches. */
    public enum Size {
        SINGLE_COLUMN(3.5, 2.6), DOUBLE_COLUMN(7.0, 4.0);

        private final double widthInches;
        private final double heightInches;

        Size(double widthInches, double heightInches) {
            this.widthInches = widthInches;
            this.heightInches = heightInches;
        }

        /** Width in inches. */
        public double widthInches() {
            return widthInches;
        }

        /** Height in inches. */
        public double heightInches() {
            return heightInches;
        }
    }

    private static final int DPI = 300;
    // charts are laid out at 1.4 × the paper size in points, so text stays legible when scaled down
    private static final double LAYOUT_SCALE = 1.4;

    private ChartExporter() {
    }

    /** A PNG of {@code size} at 300 DPI. */
    public static void png(JFreeChart chart, Size size, Path file) throws IOException {
        png(chart, size.widthInches, size.heightInches, DPI, file);
    }

    /**
     * A PNG of {@code widthInches × heightInches} at {@code dpi}: the image has
     * {@code round(inches · dpi)} pixels each way and carries its resolution, so a word processor
     * places it at the intended size.
     */
    public static void png(JFreeChart chart, double widthInches, double heightInches, int dpi, Path file)
            throws IOException {
        if (!(widthInches > 0 && heightInches > 0 && widthInches <= 40 && heightInches <= 40)) {
            throw new IllegalArgumentException("figure size must be between 0 and 40 inches each way, got "
                    + widthInches + " × " + heightInches);
        }
        if (dpi < 36 || dpi > 1200) {
            throw new IllegalArgumentException("resolution must be 36 to 1200 DPI, got " + dpi);
        }
        double layoutWidth = widthInches * 72 * LAYOUT_SCALE;
        double layoutHeight = heightInches * 72 * LAYOUT_SCALE;
        int pixelsWide = (int) Math.round(widthInches * dpi);
        int pixelsHigh = (int) Math.round(heightInches * dpi);
        BufferedImage image = new BufferedImage(pixelsWide, pixelsHigh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(pixelsWide / layoutWidth, pixelsHigh / layoutHeight);
        chart.draw(g, new Rectangle2D.Double(0, 0, layoutWidth, layoutHeight));
        g.dispose();
        atomically(file, out -> PngWithResolution.write(image, dpi, out));
    }

    /** An SVG (vector) of {@code size}. */
    public static void svg(JFreeChart chart, Size size, Path file) throws IOException {
        svg(chart, size.widthInches, size.heightInches, file);
    }

    /** An SVG (vector) of {@code widthInches × heightInches}. */
    public static void svg(JFreeChart chart, double widthInches, double heightInches, Path file) throws IOException {
        double width = widthInches * 72 * LAYOUT_SCALE;
        double height = heightInches * 72 * LAYOUT_SCALE;
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        byte[] svg = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        atomically(file, out -> out.write(svg));
    }

    /** A PDF (vector) of {@code size}, one page the size of the figure. */
    public static void pdf(JFreeChart chart, Size size, Path file) throws IOException {
        pdf(chart, size.widthInches, size.heightInches, file);
    }

    /** A PDF (vector) of {@code widthInches × heightInches}, one page the size of the figure. */
    public static void pdf(JFreeChart chart, double widthInches, double heightInches, Path file) throws IOException {
        double width = widthInches * 72 * LAYOUT_SCALE;
        double height = heightInches * 72 * LAYOUT_SCALE;
        org.jfree.pdf.PDFDocument document = new org.jfree.pdf.PDFDocument();
        document.setTitle(chart.getTitle() == null ? "chart" : chart.getTitle().getText());
        document.setAuthor("Sparsity Studio");
        org.jfree.pdf.Page page = document.createPage(new Rectangle2D.Double(0, 0, width, height));
        chart.draw(page.getGraphics2D(), new Rectangle2D.Double(0, 0, width, height));
        byte[] pdf = document.getPDFBytes();
        atomically(file, out -> out.write(pdf));
    }

    /** The plotted numbers: series, x, mean, min, max, std, n. */
    public static void csv(List<Series> series, String xName, String yName, Path file) throws IOException {
        atomically(file, out -> {
            Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader("series", xName, yName + "_mean", yName + "_min", yName + "_max", yName + "_std", "n")
                    .get());
            for (Series s : series) {
                for (SeriesPoint p : s.points()) {
                    printer.printRecord(s.name(), num(p.x()), num(p.mean()), num(p.min()), num(p.max()), num(p.std()),
                            p.n());
                }
            }
            printer.flush();
        });
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void atomically(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".export-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
