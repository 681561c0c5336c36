package org.sparsitystudio.experiments.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Conversions between {@link BufferedImage}s and the channel-major float layout of
 * {@link ColourDataset}, and a PNG contact sheet for documentation.
 */
public final class RgbImages {

    private RgbImages() {
    }

    /**
     * Resizes an image bilinearly to {@code width × height} and writes its RGB values in [0, 1]
     * channel-major into {@code dst} at {@code offset}; alpha is ignored.
     *
     * <p>Pixel centres are aligned as in PyTorch's {@code interpolate(..., align_corners=False)}
     * (source coordinate {@code (x + 0.5) · scale − 0.5}, clamped at the border), so the same
     * file gives the same tensor as a PyTorch pipeline without antialiasing. An image already of
     * the requested size is copied exactly.
     */
    public static void toChannelMajor(BufferedImage image, int width, int height, float[] dst, int offset) {
        int sw = image.getWidth();
        int sh = image.getHeight();
        int[] argb = argb(image);
        int plane = width * height;
        double sx = (double) sw / width;
        double sy = (double) sh / height;
        for (int y = 0; y < height; y++) {
            double fy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double wx = fx - x0;
                int p00 = argb[y0 * sw + x0];
                int p01 = argb[y0 * sw + x1];
                int p10 = argb[y1 * sw + x0];
                int p11 = argb[y1 * sw + x1];
                int at = offset + y * width + x;
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    double top = ((p00 >> shift) & 0xFF) * (1 - wx) + ((p01 >> shift) & 0xFF) * wx;
                    double bottom = ((p10 >> shift) & 0xFF) * (1 - wx) + ((p11 >> shift) & 0xFF) * wx;
                    dst[at + ch * plane] = (float) ((top * (1 - wy) + bottom * wy) / 255.0);
                }
            }
        }
    }

    /**
     * The pixels as sRGB ARGB ints. {@code getRGB} converts palettes, 16-bit samples and
     * JPEG's YCbCr, but it treats grey as linear light and brightens it (grey 100 reads as about
     * 170), whereas PIL and every training pipeline take the stored grey value as is; so grey
     * images are read from the raster directly.
     */
    static int[] argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        var model = image.getColorModel();
        boolean grey = model.getNumColorComponents() == 1 && !(model instanceof java.awt.image.IndexColorModel);
        if (!grey) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        var raster = image.getRaster();
        double max = (1L << model.getComponentSize(0)) - 1;
        int[] out = new int[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int v = (int) Math.round(row[x] * 255.0 / max);
                out[y * w + x] = 0xFF000000 | (v << 16) | (v << 8) | v;
            }
        }
        return out;
    }

    /** An 8-bit RGB image of one channel-major image in [0, 1]; values outside are clamped. */
    public static BufferedImage toImage(float[] chw, int offset, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = offset + y * width + x;
                int rgb = (toByte(chw[at]) << 16) | (toByte(chw[at + plane]) << 8) | toByte(chw[at + 2 * plane]);
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /** Rounds a value in [0, 1] to 0..255, the inverse of reading a byte as {@code b / 255}. */
    static int toByte(float v) {
        return (int) Math.round(Math.max(0.0, Math.min(1.0, v)) * 255.0);
    }

    /**
     * A contact sheet: the given samples in a grid of {@code columns}, each scaled up by
     * {@code zoom} (nearest neighbour, so that single pixels stay visible), separated by 2-px
     * white gaps.
     */
    public static BufferedImage grid(ColourDataset set, int[] samples, int columns, int zoom) {
        if (set.channels() != 3) {
            throw new IllegalArgumentException("a grid needs RGB images, got " + set.channels() + " channels");
        }
        if (columns <= 0 || zoom <= 0 || samples.length == 0) {
            throw new IllegalArgumentException("a grid needs samples, columns > 0 and zoom > 0");
        }
        int gap = 2;
        int cw = set.width() * zoom;
        int chh = set.height() * zoom;
        int rows = (samples.length + columns - 1) / columns;
        int cols = Math.min(columns, samples.length);
        BufferedImage sheet = new BufferedImage(cols * (cw + gap) + gap, rows * (chh + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < sheet.getHeight(); y++) {
            for (int x = 0; x < sheet.getWidth(); x++) {
                sheet.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int k = 0; k < samples.length; k++) {
            BufferedImage tile = toImage(set.image(samples[k]), 0, set.width(), set.height());
            int ox = gap + (k % columns) * (cw + gap);
            int oy = gap + (k / columns) * (chh + gap);
            for (int y = 0; y < chh; y++) {
                for (int x = 0; x < cw; x++) {
                    sheet.setRGB(ox + x, oy + y, tile.getRGB(x / zoom, y / zoom));
                }
            }
        }
        return sheet;
    }

    /** Writes {@link #grid} as a PNG file, creating parent directories as needed. */
    public static void writeGridPng(ColourDataset set, int[] samples, int columns, int zoom, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(grid(set, samples, columns, zoom), "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
