package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbpScoresTest {

    /** A one-channel image from rows of values. */
    private static float[] gray(float[][] rows) {
        int n = rows.length;
        float[] out = new float[n * n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(rows[y], 0, out, y * n, n);
        }
        return out;
    }

    @Test
    void codesFollowTheClockwiseNeighbourOrder() {
        // centre 5; neighbours clockwise from the top-left: 9, 1, 5, 2, 7, 3, 6, 0
        float[] image = gray(new float[][] {{9, 1, 5}, {0, 5, 2}, {6, 3, 7}});
        int code = LbpScores.codes(image, 1, 3)[4];
        // bits set where the neighbour is ≥ 5: top-left (bit 0), top-right (2), bottom-right (4), bottom-left (6)
        assertEquals(1 | 4 | 16 | 64, code);
    }

    @Test
    void aFlatPatchScoresOneAndTheEdgeIsRepeated() {
        float[] flat = new float[3 * 16 * 16];
        java.util.Arrays.fill(flat, 0.3f);
        // every neighbour equals the centre, inside and (by repetition) at the border: code 255 everywhere
        assertTrue(java.util.Arrays.stream(LbpScores.codes(flat, 3, 16)).allMatch(c -> c == 255));
        assertArrayEquals(new double[] {1, 1, 1, 1}, LbpScores.patchScores(flat, 3, 16, 8), 1e-15);
    }

    @Test
    void stripesGiveTwoCodesInEqualShares() {
        // vertical stripes one pixel wide: a bright pixel's only ≥ neighbours are above and below
        // (code 2 + 32 = 34); a dark pixel's are all eight (255). Columns 1..6 of an 8-wide patch
        // away from the image border hold three of each; the border columns repeat themselves.
        int n = 8;
        float[] image = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                image[y * n + x] = x % 2;
            }
        }
        int[] codes = LbpScores.codes(image, 1, n);
        assertEquals(34, codes[3 * n + 3]);
        assertEquals(255, codes[3 * n + 2]);
        // the right border column is bright and its repeated right neighbour equals it: bits of
        // up, down and the three repeated right-hand neighbours are set
        assertEquals(2 | 4 | 8 | 16 | 32, codes[3 * n + 7]);
        int[] counts = new int[LbpScores.BINS];
        for (int c : codes) {
            counts[c]++;
        }
        // 32 dark pixels code 255; 24 bright interior-column pixels code 34; 8 in the last column code 62
        assertEquals(32, counts[255]);
        assertEquals(24, counts[34]);
        assertEquals(8, counts[62]);
        assertEquals(Math.sqrt(32 * 32 + 24 * 24 + 8 * 8) / 64, LbpScores.patchScores(image, 1, n, 8)[0], 1e-15);
    }

    @Test
    void histogramNormIsBetweenUniformAndConcentrated() {
        int[] spread = new int[LbpScores.BINS];
        for (int i = 0; i < 64; i++) {
            spread[i] = 1;
        }
        assertEquals(1 / 8.0, LbpScores.score(spread), 1e-15);
        int[] two = new int[LbpScores.BINS];
        two[3] = 5;
        two[200] = 5;
        assertEquals(Math.sqrt(0.5), LbpScores.score(two), 1e-15);
    }
}
