package org.sparsitystudio.experiments.kinds.roma;

import java.util.SplittableRandom;

/**
 * RoMA's adaptive rotation, in the studio's variant: score every p×p patch with
 * {@link LbpScores}; around the best one take the largest square window of 4p, 3p or 2p pixels
 * (32, 24, 16 on 64² images with p = 8), placed on the patch grid, that contains the best patch
 * and whose mean score is at least the image's mean score (of several such placements, the one
 * with the highest mean; if no window of any size qualifies, the best-scoring 2p window); then
 * rotate the content of that window by θ about its centre, sampling the original image
 * bilinearly, and put it back in place. Sampling from the whole image rather than from the window
 * alone is what the official code gets by rotating a larger crop and cutting the centre back out:
 * the window's corners are filled with the rotated surroundings, not with padding.
 *
 * <p>Everything outside the window is left bit for bit as it was, and the window's tokens are the
 * ones that get θ's angle embedding.
 */
public final class RotationCrop {

    /** Window sides tried, in patches, largest first. */
    static final int[] WINDOW_PATCHES = {4, 3, 2};

    /**
     * A square window on the patch grid.
     *
     * @param row     top patch row
     * @param col     left patch column
     * @param patches side in patches
     */
    public record Window(int row, int col, int patches) {

        /** Whether patch (r, c) lies inside. */
        public boolean contains(int r, int c) {
            return r >= row && r < row + patches && c >= col && c < col + patches;
        }
    }

    /**
     * The outcome for one image.
     *
     * @param image   the image with the window rotated (a new array)
     * @param window  the rotated window
     * @param angle   θ in radians
     * @param rotated per token in raster order, whether it lies in the window
     */
    public record Crop(float[] image, Window window, double angle, boolean[] rotated) {
    }

    private RotationCrop() {
    }

    /**
     * Chooses the window from the patch scores.
     *
     * @param scores  per patch, raster order, {@code perSide²} of them
     * @param perSide patches per row
     */
    public static Window chooseWindow(double[] scores, int perSide) {
        if (scores.length != perSide * perSide) {
            throw new IllegalArgumentException(scores.length + " scores for a " + perSide + "² grid");
        }
        int best = 0;
        double mean = 0;
        for (int i = 0; i < scores.length; i++) {
            mean += scores[i];
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        mean /= scores.length;
        int br = best / perSide;
        int bc = best % perSide;
        Window fallback = null;
        double fallbackMean = Double.NEGATIVE_INFINITY;
        for (int k : WINDOW_PATCHES) {
            if (k > perSide) {
                continue;
            }
            Window chosen = null;
            double chosenMean = Double.NEGATIVE_INFINITY;
            for (int r = Math.max(0, br - k + 1); r <= Math.min(br, perSide - k); r++) {
                for (int c = Math.max(0, bc - k + 1); c <= Math.min(bc, perSide - k); c++) {
                    double m = windowMean(scores, perSide, r, c, k);
                    if (m >= mean && m > chosenMean) {
                        chosen = new Window(r, c, k);
                        chosenMean = m;
                    }
                    if (k == WINDOW_PATCHES[WINDOW_PATCHES.length - 1] && m > fallbackMean) {
                        fallback = new Window(r, c, k);
                        fallbackMean = m;
                    }
                }
            }
            if (chosen != null) {
                return chosen;
            }
        }
        if (fallback == null) {
            // a grid smaller than the smallest window: the whole image is the window
            return new Window(0, 0, perSide);
        }
        return fallback;
    }

    private static double windowMean(double[] scores, int perSide, int row, int col, int k) {
        double sum = 0;
        for (int r = row; r < row + k; r++) {
            for (int c = col; c < col + k; c++) {
                sum += scores[r * perSide + c];
            }
        }
        return sum / (k * k);
    }

    /**
     * The image with the square of {@code side} pixels at ({@code x0}, {@code y0}) turned by
     * {@code theta} about its centre: output pixel q takes the bilinear sample of the original at
     * {@code centre + R(−θ)(q − centre)}, clamped to the image; pixels outside the square are
     * copied unchanged.
     *
     * @param image channel-major, {@code channels · size · size} values; not modified
     */
    public static float[] rotate(float[] image, int channels, int size, int x0, int y0, int side, double theta) {
        if (x0 < 0 || y0 < 0 || side <= 0 || x0 + side > size || y0 + side > size) {
            throw new IllegalArgumentException("window " + side + "px at (" + x0 + ", " + y0 + ") leaves the "
                    + size + "² image");
        }
        float[] out = image.clone();
        double cx = x0 + (side - 1) / 2.0;
        double cy = y0 + (side - 1) / 2.0;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        int plane = size * size;
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double sx = clamp(cx + cos * dx + sin * dy, size);
                double sy = clamp(cy - sin * dx + cos * dy, size);
                int ix = Math.min((int) Math.floor(sx), size - 2);
                int iy = Math.min((int) Math.floor(sy), size - 2);
                double fx = sx - ix;
                double fy = sy - iy;
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    double top = (1 - fx) * image[base + iy * size + ix] + fx * image[base + iy * size + ix + 1];
                    double bottom = (1 - fx) * image[base + (iy + 1) * size + ix]
                            + fx * image[base + (iy + 1) * size + ix + 1];
                    out[base + y * size + x] = (float) ((1 - fy) * top + fy * bottom);
                }
            }
        }
        return out;
    }

    private static double clamp(double v, int size) {
        return Math.min(size - 1, Math.max(0, v));
    }

    /** Per token (raster order), whether its patch lies in {@code window}. */
    public static boolean[] tokensIn(Window window, int perSide) {
        boolean[] out = new boolean[perSide * perSide];
        for (int r = 0; r < perSide; r++) {
            for (int c = 0; c < perSide; c++) {
                out[r * perSide + c] = window.contains(r, c);
            }
        }
        return out;
    }

    /** The whole procedure on one image at a given angle. */
    public static Crop apply(float[] image, int channels, int size, int patch, double theta) {
        int perSide = size / patch;
        Window w = chooseWindow(LbpScores.patchScores(image, channels, size, patch), perSide);
        float[] rotated = rotate(image, channels, size, w.col() * patch, w.row() * patch, w.patches() * patch, theta);
        return new Crop(rotated, w, theta, tokensIn(w, perSide));
    }

    /** The whole procedure on one image at θ drawn uniformly from [−π, π). */
    public static Crop apply(float[] image, int channels, int size, int patch, SplittableRandom rng) {
        return apply(image, channels, size, patch, Math.PI * (2 * rng.nextDouble() - 1));
    }
}
