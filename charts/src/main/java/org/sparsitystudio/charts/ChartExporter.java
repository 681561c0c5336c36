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
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart as PNG at a paper size and 300 DPI, as SVG (vector), and the CSV of exactly the
 * plotted numbers. Every file is written to a temporary name and moved into place, so a failed
 * export never leaves half a file.
 */
public final class ChartExporter {

    /** Figure sizes of two-column papers, in inches. */
    public enum Size {
        SINGLE_COLUMN(3.5, 2.6), DOUBLE_COLUMN(7.0, 4.0);

        final double widthInches;
        final double heightInches;

        Size(double widthInches, double heightInches) {
            this.widthInches = widthInches;
            this.heightInches = heightInches;
        }
    }

    private static final int DPI = 300;
    // charts are laid out at 1.4 × the paper size in points, so text stays legible when scaled down
    private static final double LAYOUT_SCALE = 1.4;

    private ChartExporter() {
    }

    /** A PNG of {@code size} at 300 DPI. */
    public static void png(JFreeChart chart, Size size, Path file) throws IOException {
        double layoutWidth = size.widthInches * 72 * LAYOUT_SCALE;
        double layoutHeight = size.heightInches * 72 * LAYOUT_SCALE;
        int pixelsWide = (int) Math.round(size.widthInches * DPI);
        int pixelsHigh = (int) Math.round(size.heightInches * DPI);
        BufferedImage image = new BufferedImage(pixelsWide, pixelsHigh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(pixelsWide / layoutWidth, pixelsHigh / layoutHeight);
        chart.draw(g, new Rectangle2D.Double(0, 0, layoutWidth, layoutHeight));
        g.dispose();
        atomically(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** An SVG (vector) of {@code size}. */
    public static void svg(JFreeChart chart, Size size, Path file) throws IOException {
        double width = size.widthInches * 72 * LAYOUT_SCALE;
        double height = size.heightInches * 72 * LAYOUT_SCALE;
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        byte[] svg = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        atomically(file, out -> out.write(svg));
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
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void atomically(Path file, Content content) throws IOException {
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
