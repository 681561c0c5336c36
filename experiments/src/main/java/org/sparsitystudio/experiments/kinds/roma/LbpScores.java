package org.sparsitystudio.experiments.kinds.roma;

/**
 * RoMA's texture score: per p×p patch, the L2 norm of the patch's normalised histogram of local
 * binary patterns (LBP). The basic 8-neighbour LBP of a pixel has bit k set when its k-th
 * neighbour, clockwise from the top-left ({@code (−1,−1), (−1,0), (−1,1), (0,1), (1,1), (1,0),
 * (1,−1), (0,−1)} as (row, column) offsets, bit 0 first), is at least as bright as the pixel;
 * brightness is the luma {@code 0.299 R + 0.587 G + 0.114 B} (the channel mean for other channel
 * counts). Neighbours outside the image repeat the edge pixel, so the score of a border patch does
 * not depend on what lies beyond the image.
 *
 * <p>The histogram has 256 bins and sums to 1, so its L2 norm lies between 1/√(p²) (all codes
 * different) and 1 (one code throughout, such as a flat patch).
 */
public final class LbpScores {

    /** Distinct 8-bit LBP codes. */
    public static final int BINS = 256;

    private static final int[] DY = {-1, -1, -1, 0, 1, 1, 1, 0};
    private static final int[] DX = {-1, 0, 1, 1, 1, 0, -1, -1};

    private LbpScores() {
    }

    /**
     * The LBP code of every pixel, row-major.
     *
     * @param image {@code channels · size · size} values, channel-major
     */
    public static int[] codes(float[] image, int channels, int size) {
        double[] luma = luma(image, channels, size);
        int[] codes = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double centre = luma[y * size + x];
                int code = 0;
                for (int k = 0; k < 8; k++) {
                    int ny = Math.min(size - 1, Math.max(0, y + DY[k]));
                    int nx = Math.min(size - 1, Math.max(0, x + DX[k]));
                    if (luma[ny * size + nx] >= centre) {
                        code |= 1 << k;
                    }
                }
                codes[y * size + x] = code;
            }
        }
        return codes;
    }

    /**
     * The score of every p×p patch, in raster order ((size/p)² of them).
     *
     * @param patch side of a patch; must divide {@code size}
     */
    public static double[] patchScores(float[] image, int channels, int size, int patch) {
        if (patch <= 0 || size % patch != 0) {
            throw new IllegalArgumentException("patch " + patch + " must divide the image side " + size);
        }
        if (image.length != channels * size * size) {
            throw new IllegalArgumentException("expected " + channels + "×" + size + "² values, got " + image.length);
        }
        int[] codes = codes(image, channels, size);
        int perSide = size / patch;
        double[] scores = new double[perSide * perSide];
        int[] counts = new int[BINS];
        for (int py = 0; py < perSide; py++) {
            for (int px = 0; px < perSide; px++) {
                java.util.Arrays.fill(counts, 0);
                for (int y = py * patch; y < (py + 1) * patch; y++) {
                    for (int x = px * patch; x < (px + 1) * patch; x++) {
                        counts[codes[y * size + x]]++;
                    }
                }
                scores[py * perSide + px] = score(counts);
            }
        }
        return scores;
    }

    /** The L2 norm of a histogram after scaling it to sum 1. */
    public static double score(int[] counts) {
        long total = 0;
        double squares = 0;
        for (int c : counts) {
            total += c;
            squares += (double) c * c;
        }
        if (total == 0) {
            throw new IllegalArgumentException("an empty histogram has no score");
        }
        return Math.sqrt(squares) / total;
    }

    private static double[] luma(float[] image, int channels, int size) {
        int plane = size * size;
        double[] out = new double[plane];
        for (int i = 0; i < plane; i++) {
            if (channels == 3) {
                out[i] = 0.299 * image[i] + 0.587 * image[plane + i] + 0.114 * image[2 * plane + i];
            } else {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += image[c * plane + i];
                }
                out[i] = sum / channels;
            }
        }
        return out;
    }
}
