package org.sparsitystudio.charts;

import java.util.Objects;
import org.sparsitystudio.experiments.spi.Matrix.Style;
import org.sparsitystudio.experiments.spi.Matrix;

/**
 * A matrix as pixels, one per entry, in packed ARGB: what the studio puts into an image view and
 * the {@code matrix} command into a PNG. Toolkit-neutral, so both share the colouring.
 *
 * <p>Colouring by {@link Style}: a mask draws nonzero (kept) entries light and zeros dark; a
 * signed matrix goes from blue through white to red on a scale symmetric about zero, its ends at
 * ± the largest magnitude; a sequential one goes from dark violet to yellow (viridis) between its
 * smallest and largest value. NaN and infinite entries are drawn mid-grey.
 *
 * @param matrix the matrix drawn
 * @param argb   {@code rows × cols} pixels, row after row
 * @param low    the value at the scale's low end (0 for a mask)
 * @param high   the value at the scale's high end (1 for a mask)
 */
public record MatrixRaster(Matrix matrix, int[] argb, double low, double high) {

    static final int KEPT = 0xFFF2F2EE;
    static final int PRUNED = 0xFF20262E;
    static final int NOT_FINITE = 0xFF8C8C8C;

    // viridis at 0, 0.25, 0.5, 0.75, 1
    private static final int[] VIRIDIS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};

    /** Checks that there is one pixel per entry. */
    public MatrixRaster {
        Objects.requireNonNull(matrix, "matrix");
        if (argb.length != matrix.values().length) {
            throw new IllegalArgumentException("one pixel per entry");
        }
    }

    /** The matrix coloured by its style. */
    public static MatrixRaster of(Matrix m) {
        float[] v = m.values();
        int[] argb = new int[v.length];
        double low;
        double high;
        switch (m.style()) {
            case MASK -> {
                low = 0;
                high = 1;
                for (int i = 0; i < v.length; i++) {
                    argb[i] = !Float.isFinite(v[i]) ? NOT_FINITE : v[i] != 0 ? KEPT : PRUNED;
                }
            }
            case SIGNED -> {
                double max = 0;
                for (float x : v) {
                    if (Float.isFinite(x)) {
                        max = Math.max(max, Math.abs(x));
                    }
                }
                low = -max;
                high = max;
                for (int i = 0; i < v.length; i++) {
                    argb[i] = !Float.isFinite(v[i]) ? NOT_FINITE : diverging(max == 0 ? 0 : v[i] / max);
                }
            }
            default -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (float x : v) {
                    if (Float.isFinite(x)) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                }
                if (min > max) {
                    min = 0;
                    max = 0;
                }
                low = min;
                high = max;
                double span = max - min;
                for (int i = 0; i < v.length; i++) {
                    argb[i] = !Float.isFinite(v[i]) ? NOT_FINITE : viridis(span == 0 ? 0.5 : (v[i] - min) / span);
                }
            }
        }
        return new MatrixRaster(m, argb, low, high);
    }

    /** The colour of {@code t} in [-1, 1] on the blue–white–red scale. */
    static int diverging(double t) {
        double u = Math.max(-1, Math.min(1, t));
        int blue = 0x2166AC;
        int red = 0xB2182B;
        return u < 0 ? mix(0xFFFFFF, blue, -u) : mix(0xFFFFFF, red, u);
    }

    /** The colour of {@code t} in [0, 1] on the viridis scale (linear between five stops). */
    static int viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) u, VIRIDIS.length - 2);
        return mix(VIRIDIS[i], VIRIDIS[i + 1], u - i);
    }

    /** The colour at a fraction {@code t} of the way along this raster's scale (for a colour bar). */
    public int scaleColour(double t) {
        return switch (matrix.style()) {
            case MASK -> t < 0.5 ? PRUNED : KEPT;
            case SIGNED -> diverging(2 * t - 1);
            default -> viridis(t);
        };
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return 0xFF000000 | (r << 16) | (g << 8) | bl;
    }

    /** The pixel of row {@code r}, column {@code c}. */
    public int pixel(int r, int c) {
        return argb[r * matrix.cols() + c];
    }
}
