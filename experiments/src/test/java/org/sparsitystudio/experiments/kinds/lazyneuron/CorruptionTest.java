package org.sparsitystudio.experiments.kinds.lazyneuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.data.ImageDataset;

class CorruptionTest {

    private static final double MEAN = 0.25;
    private static final double STD = 0.5;

    /** Two 4×4 images given in raw [0, 1] values, stored normalised. */
    private static ImageDataset images(double[] raw) {
        float[] pixels = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = (float) ((raw[i] - MEAN) / STD);
        }
        return ImageDataset.of("test", 16, 3, pixels, new int[] {1, 2});
    }

    private static double raw(ImageDataset d, int i) {
        return d.pixels()[i] * STD + MEAN;
    }

    @Test
    void gaussianNoiseHasTheRequestedSpreadInRawUnitsAndIsClipped() {
        double[] flat = new double[32];
        java.util.Arrays.fill(flat, 0.5);
        ImageDataset clean = images(flat);
        ImageDataset noisy = new Corruption(Corruption.Type.GAUSSIAN_NOISE, 0.1).apply(clean, MEAN, STD, 1);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 32; i++) {
            double d = raw(noisy, i) - 0.5;
            sum += d;
            squares += d * d;
        }
        assertEquals(0.1, Math.sqrt(squares / 32 - (sum / 32) * (sum / 32)), 0.04);
        assertArrayEquals(clean.labels(), noisy.labels());
        ImageDataset saturated = new Corruption(Corruption.Type.GAUSSIAN_NOISE, 10).apply(clean, MEAN, STD, 1);
        for (int i = 0; i < 32; i++) {
            double v = raw(saturated, i);
            assertEquals(true, v >= -1e-6 && v <= 1 + 1e-6, "clipped to [0, 1]: " + v);
        }
        assertArrayEquals(noisy.pixels(), new Corruption(Corruption.Type.GAUSSIAN_NOISE, 0.1)
                .apply(clean, MEAN, STD, 1).pixels(), "seeded");
    }

    @Test
    void contrastScalesDeviationsFromTheImageMean() {
        double[] raw = new double[32];
        for (int i = 0; i < 16; i++) {
            raw[i] = i % 2 == 0 ? 0.2 : 0.6; // mean 0.4
        }
        ImageDataset low = new Corruption(Corruption.Type.CONTRAST, 0.5).apply(images(raw), MEAN, STD, 0);
        assertEquals(0.3, raw(low, 0), 1e-6);
        assertEquals(0.5, raw(low, 1), 1e-6);
        assertEquals(0.0, raw(low, 20), 1e-6, "a black image stays black");
    }

    @Test
    void blurSpreadsAPointAndKeepsItsMassInside() {
        double[] raw = new double[32];
        raw[5] = 1; // (1, 1) of the first image, away from the border by one pixel
        ImageDataset blurred = new Corruption(Corruption.Type.BLUR, 0.5).apply(images(raw), MEAN, STD, 0);
        double centre = raw(blurred, 5);
        double neighbour = raw(blurred, 6);
        assertEquals(true, centre < 1 && neighbour > 0 && neighbour < centre);
        ImageDataset identity = new Corruption(Corruption.Type.BLUR, 0).apply(images(raw), MEAN, STD, 0);
        assertEquals(1.0, raw(identity, 5), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new Corruption(Corruption.Type.CONTRAST, 2));
    }
}
