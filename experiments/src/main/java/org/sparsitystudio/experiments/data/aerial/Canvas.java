package org.sparsitystudio.experiments.data.aerial;

import java.util.SplittableRandom;

/**
 * An upright RGB drawing surface in scene coordinates, with the few primitives the scene painters
 * need. A pixel (x, y) covers [x, x+1) × [y, y+1); a shape fills the pixels whose centres it
 * contains. Aliasing does not matter because the scene is later box-downsampled by 2 or 4.
 *
 * <p>The canvas is larger than the 128² view so that the view, turned by any angle about the
 * centre, still lies inside it: 128·√2 ≈ 181.02, hence {@value #SIZE}.
 */
final class Canvas {

    static final int SIZE = 182;
    static final double CENTRE = SIZE / 2.0;

    /** Channel-major: red plane, green plane, blue plane. */
    final float[] rgb = new float[3 * SIZE * SIZE];

    void fill(double[] colour) {
        int plane = SIZE * SIZE;
        for (int ch = 0; ch < 3; ch++) {
            java.util.Arrays.fill(rgb, ch * plane, (ch + 1) * plane, (float) colour[ch]);
        }
    }

    void set(int x, int y, double[] colour) {
        if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) {
            return;
        }
        int at = y * SIZE + x;
        int plane = SIZE * SIZE;
        rgb[at] = (float) colour[0];
        rgb[at + plane] = (float) colour[1];
        rgb[at + 2 * plane] = (float) colour[2];
    }

    /** Adds {@code delta} to all three channels of one pixel, i.e. changes its brightness. */
    void shade(int x, int y, double delta) {
        if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) {
            return;
        }
        int at = y * SIZE + x;
        int plane = SIZE * SIZE;
        for (int ch = 0; ch < 3; ch++) {
            rgb[at + ch * plane] += (float) delta;
        }
    }

    /** Fills the axis-aligned rectangle [x0, x1) × [y0, y1). */
    void rect(double x0, double y0, double x1, double y1, double[] colour) {
        int ix0 = Math.max(0, (int) Math.ceil(x0 - 0.5));
        int ix1 = Math.min(SIZE, (int) Math.ceil(x1 - 0.5));
        int iy0 = Math.max(0, (int) Math.ceil(y0 - 0.5));
        int iy1 = Math.min(SIZE, (int) Math.ceil(y1 - 0.5));
        for (int y = iy0; y < iy1; y++) {
            for (int x = ix0; x < ix1; x++) {
                set(x, y, colour);
            }
        }
    }

    /** Fills a disc; {@code falloff} darkens towards the rim by up to that much, for a rounded look. */
    void disc(double cx, double cy, double r, double[] colour, double falloff) {
        int ix0 = Math.max(0, (int) Math.floor(cx - r));
        int ix1 = Math.min(SIZE - 1, (int) Math.ceil(cx + r));
        int iy0 = Math.max(0, (int) Math.floor(cy - r));
        int iy1 = Math.min(SIZE - 1, (int) Math.ceil(cy + r));
        double[] c = new double[3];
        for (int y = iy0; y <= iy1; y++) {
            for (int x = ix0; x <= ix1; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double d2 = dx * dx + dy * dy;
                if (d2 <= r * r) {
                    double k = 1 - falloff * Math.sqrt(d2) / r;
                    c[0] = colour[0] * k;
                    c[1] = colour[1] * k;
                    c[2] = colour[2] * k;
                    set(x, y, c);
                }
            }
        }
    }

    /**
     * Adds smooth value noise to the brightness: random values on a grid of {@code cell}-px cells,
     * interpolated with smoothstep weights, scaled to [−amplitude, amplitude].
     */
    void valueNoise(SplittableRandom rng, double cell, double amplitude) {
        int n = (int) Math.ceil(SIZE / cell) + 2;
        double[] grid = new double[n * n];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 2 * rng.nextDouble() - 1;
        }
        for (int y = 0; y < SIZE; y++) {
            double gy = (y + 0.5) / cell;
            int j = (int) gy;
            double ty = smooth(gy - j);
            for (int x = 0; x < SIZE; x++) {
                double gx = (x + 0.5) / cell;
                int i = (int) gx;
                double tx = smooth(gx - i);
                double top = grid[j * n + i] * (1 - tx) + grid[j * n + i + 1] * tx;
                double bottom = grid[(j + 1) * n + i] * (1 - tx) + grid[(j + 1) * n + i + 1] * tx;
                shade(x, y, amplitude * (top * (1 - ty) + bottom * ty));
            }
        }
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    /** Bilinear sample of channel {@code ch} at continuous coordinates (pixel centres at i + 0.5). */
    double sample(int ch, double x, double y) {
        double fx = Math.max(0, Math.min(SIZE - 1, x - 0.5));
        double fy = Math.max(0, Math.min(SIZE - 1, y - 0.5));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(SIZE - 1, x0 + 1);
        int y1 = Math.min(SIZE - 1, y0 + 1);
        double wx = fx - x0;
        double wy = fy - y0;
        int base = ch * SIZE * SIZE;
        double top = rgb[base + y0 * SIZE + x0] * (1 - wx) + rgb[base + y0 * SIZE + x1] * wx;
        double bottom = rgb[base + y1 * SIZE + x0] * (1 - wx) + rgb[base + y1 * SIZE + x1] * wx;
        return top * (1 - wy) + bottom * wy;
    }
}
