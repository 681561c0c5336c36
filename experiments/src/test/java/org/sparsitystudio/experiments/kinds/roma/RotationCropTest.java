package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.data.aerial.AerialClass;
import org.sparsitystudio.experiments.data.aerial.AerialScenes;

class RotationCropTest {

    private static float[] random(long seed, int channels, int size) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[channels * size * size];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) rng.nextDouble();
        }
        return out;
    }

    @Test
    void picksTheLargestWindowAroundTheBestPatchThatBeatsTheMean() {
        // 8×8 grid, mean 1; the best patch (row 1, col 6) sits in a 2-patch-wide bright stripe
        double[] scores = new double[64];
        java.util.Arrays.fill(scores, 1.0);
        for (int r = 0; r < 8; r++) {
            scores[r * 8 + 6] = 2.0;
            scores[r * 8 + 7] = 2.0;
            for (int c = 0; c < 6; c++) {
                scores[r * 8 + c] = 0.5;
            }
        }
        scores[8 + 6] = 3.0;
        RotationCrop.Window w = RotationCrop.chooseWindow(scores, 8);
        // image mean 57/64; 4-wide windows holding (1, 6) start at column 3 (mean 15/16) or 4
        // (21/16) and at row 0 or 1, which tie: the highest mean wins, the first of a tie stays
        assertEquals(new RotationCrop.Window(0, 4, 4), w);
    }

    @Test
    void fallsBackToSmallerWindowsWhenLargerOnesAreBelowTheMean() {
        // one outstanding patch in a dark corner, surrounded by the darkest scores, bright elsewhere
        double[] scores = new double[64];
        java.util.Arrays.fill(scores, 1.0);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                scores[r * 8 + c] = 0.0;
            }
        }
        scores[0] = 4.0;
        // 2×2 at the corner: (4 + 0 + 0 + 0) / 4 = 1.0 ≥ mean (≈ 0.81); 3×3: 4/9 < mean
        RotationCrop.Window w = RotationCrop.chooseWindow(scores, 8);
        assertEquals(new RotationCrop.Window(0, 0, 2), w);
    }

    @Test
    void rotatesOnlyTheWindow() {
        float[] image = random(1, 3, 64);
        float[] out = RotationCrop.rotate(image, 3, 64, 16, 24, 24, 0.9);
        int changed = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int i = c * 64 * 64 + y * 64 + x;
                    boolean inside = x >= 16 && x < 40 && y >= 24 && y < 48;
                    if (!inside) {
                        assertEquals(Float.floatToIntBits(image[i]), Float.floatToIntBits(out[i]), "outside " + x + "," + y);
                    } else if (image[i] != out[i]) {
                        changed++;
                    }
                }
            }
        }
        assertTrue(changed > 0.9 * 3 * 24 * 24, "most of the window moved: " + changed);
    }

    @Test
    void zeroIsTheIdentityAndAHalfTurnMirrorsThroughTheCentre() {
        float[] image = random(2, 3, 32);
        assertArrayEquals(image, RotationCrop.rotate(image, 3, 32, 8, 8, 16, 0.0));
        float[] half = RotationCrop.rotate(image, 3, 32, 8, 4, 16, Math.PI);
        for (int c = 0; c < 3; c++) {
            for (int y = 4; y < 20; y++) {
                for (int x = 8; x < 24; x++) {
                    // centre (15.5, 11.5): pixel (x, y) shows (31 − x, 23 − y)
                    assertEquals(image[c * 1024 + (23 - y) * 32 + (31 - x)], half[c * 1024 + y * 32 + x], 1e-5);
                }
            }
        }
        float[] quarter = image;
        for (int k = 0; k < 4; k++) {
            quarter = RotationCrop.rotate(quarter, 3, 32, 8, 8, 16, Math.PI / 2);
        }
        assertArrayEquals(image, quarter, 1e-5f, "four quarter turns come back");
    }

    @Test
    void theWholeProcedureMarksTheWindowsTokens() {
        float[] scene = AerialScenes.render(0, AerialClass.AIRPORT, 3, 64, false);
        RotationCrop.Crop crop = RotationCrop.apply(scene, 3, 64, 8, new SplittableRandom(4));
        RotationCrop.Window w = crop.window();
        assertTrue(w.patches() >= 2 && w.patches() <= 4);
        int marked = 0;
        for (int t = 0; t < 64; t++) {
            boolean inside = w.contains(t / 8, t % 8);
            assertEquals(inside, crop.rotated()[t]);
            marked += inside ? 1 : 0;
        }
        assertEquals(w.patches() * w.patches(), marked);
        assertTrue(crop.angle() >= -Math.PI && crop.angle() < Math.PI);
        assertFalse(java.util.Arrays.equals(scene, crop.image()));
        double[] scores = LbpScores.patchScores(scene, 3, 64, 8);
        int best = 0;
        for (int i = 1; i < 64; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        assertTrue(crop.rotated()[best], "the window holds the best-scoring patch");
    }
}
