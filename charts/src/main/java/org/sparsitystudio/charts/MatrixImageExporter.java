package org.sparsitystudio.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsitystudio.experiments.spi.Matrix;

/**
 * Writes a matrix as a PNG for a paper or a README: the matrix with one square of {@code scale}
 * pixels per entry (no smoothing, so an N:M group or a Monarch block stays crisp), its name and
 * caption above, and a colour bar with the scale's ends below. Written atomically, like every
 * export.
 */
public final class MatrixImageExporter {

    private static final int MARGIN = 12;
    private static final int BAR_HEIGHT = 12;

    private MatrixImageExporter() {
    }

    /** The largest scale: pixels per entry. */
    public static final int MAX_SCALE = 64;

    /**
     * The scale that makes the longer side about {@code target} pixels: at least 1 and at most 40
     * pixels per entry.
     */
    public static int autoScale(Matrix m, int target) {
        int longer = Math.max(m.rows(), m.cols());
        return Math.max(1, Math.min(40, target / longer));
    }

    /** The image as it is written. */
    public static BufferedImage render(Matrix m, int scale) {
        if (scale < 1 || scale > MAX_SCALE || (long) m.rows() * scale > 16_384 || (long) m.cols() * scale > 16_384) {
            throw new IllegalArgumentException("a scale of " + scale + " does not fit " + m.rows() + " × " + m.cols()
                    + " into 16384 pixels");
        }
        MatrixRaster raster = MatrixRaster.of(m);
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        int w = m.cols() * scale;
        int h = m.rows() * scale;
        int width = Math.max(w, 360) + 2 * MARGIN;
        List<String> captionLines = wrap(m.caption(), small, width - 2 * MARGIN);
        int header = 44 + 14 * (captionLines.size() - 1);
        int footer = BAR_HEIGHT + 28;
        BufferedImage image = new BufferedImage(width, header + h + footer + MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0x222222));
            g.setFont(title);
            g.drawString(m.name() + String.format(Locale.ROOT, "  (%d × %d)", m.rows(), m.cols()), MARGIN, 18);
            g.setFont(small);
            g.setColor(new Color(0x555555));
            for (int i = 0; i < captionLines.size(); i++) {
                g.drawString(captionLines.get(i), MARGIN, 35 + 14 * i);
            }
            int x0 = MARGIN;
            int y0 = header;
            BufferedImage pixels = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_INT_ARGB);
            pixels.setRGB(0, 0, m.cols(), m.rows(), raster.argb(), 0, m.cols());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(pixels, x0, y0, w, h, null);
            // column groups (the M of an N:M mask) as thin lines once a group is wide enough to see
            if (m.groupColumns() > 0 && scale >= 4) {
                g.setColor(new Color(0x80, 0x99, 0xBB, 0xC0));
                for (int c = m.groupColumns(); c < m.cols(); c += m.groupColumns()) {
                    g.drawLine(x0 + c * scale, y0, x0 + c * scale, y0 + h - 1);
                }
            }
            g.setColor(new Color(0xBBBBBB));
            g.drawRect(x0 - 1, y0 - 1, w + 1, h + 1);
            int barY = y0 + h + 10;
            int barW = Math.min(240, width - 2 * MARGIN);
            for (int i = 0; i < barW; i++) {
                g.setColor(new Color(raster.scaleColour(i / (double) (barW - 1)), true));
                g.drawLine(x0 + i, barY, x0 + i, barY + BAR_HEIGHT);
            }
            g.setColor(new Color(0xBBBBBB));
            g.drawRect(x0 - 1, barY - 1, barW + 1, BAR_HEIGHT + 2);
            g.setColor(new Color(0x333333));
            String lowLabel = m.style() == Matrix.Style.MASK ? "pruned"
                    : String.format(Locale.ROOT, "%.3g", raster.low());
            String highLabel = m.style() == Matrix.Style.MASK ? "kept"
                    : String.format(Locale.ROOT, "%.3g", raster.high());
            g.drawString(lowLabel, x0, barY + BAR_HEIGHT + 14);
            g.drawString(highLabel, x0 + barW - g.getFontMetrics().stringWidth(highLabel), barY + BAR_HEIGHT + 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the PNG (at 96 DPI). */
    public static void writePng(Path file, Matrix m, int scale) throws IOException {
        BufferedImage image = render(m, scale);
        ChartExporter.atomically(file, out -> PngWithResolution.write(image, 96, out));
    }

    /** The caption broken at spaces into lines no wider than {@code width}. */
    private static List<String> wrap(String text, Font font, int width) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(font);
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String tried = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && metrics.stringWidth(tried) > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(tried);
                }
            }
            lines.add(line.toString());
            return lines;
        } finally {
            g.dispose();
        }
    }
}
