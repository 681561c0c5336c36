package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.util.Locale;
import java.util.SplittableRandom;
import org.sparsitystudio.experiments.data.ImageDataset;

/**
 * A corruption of test images at one severity, applied in raw pixel space ([0, 1], before the
 * data set's normalisation) so that a severity means the same thing as in the corruption
 * benchmarks: the images are de-normalised, corrupted, clipped to [0, 1] and normalised again.
 *
 * @param type     what is done to the images
 * @param severity Gaussian noise: the noise's standard deviation; blur: the Gaussian kernel's
 *                 standard deviation in pixels; contrast: the factor by which each image's
 *                 deviations from its own mean are scaled (below 1 lowers contrast)
 */
public record Corruption(Type type, double severity) {

    /** The kinds of corruption. */
    public enum Type {
        /** Additive i.i.d. Gaussian pixel noise. */
        GAUSSIAN_NOISE,
        /** Gaussian blur, zero padding outside the image. */
        BLUR,
        /** Contrast change around each image's mean. */
        CONTRAST
    }

    /** Checks that the severity is meaningful for its type. */
    public Corruption {
        if (!(severity >= 0) || type == Type.CONTRAST && severity > 1) {
            throw new IllegalArgumentException(type + " severity " + severity + " is out of range");
        }
    }

    /**
     * A corrupted copy of {@code images} (square, one channel), with the same labels; noise is drawn
     * from {@code seed}, so every model of a study sees the same corrupted set.
     *
     * @param mean the normalisation mean of the raw [0, 1] pixels
     * @param std  the normalisation standard deviation
     */
    public ImageDataset apply(ImageDataset images, double mean, double std, long seed) {
        int features = images.features();
        int side = (int) Math.round(Math.sqrt(features));
        if (side * side != features) {
            throw new IllegalArgumentException("corruptions need square one-channel images, got " + features + " values");
        }
        float[] pixels = images.pixels();
        double[] raw = new double[features];
        double[] out = new double[features];
        double[] kernel = type == Type.BLUR ? gaussianKernel(severity) : null;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int s = 0; s < images.size(); s++) {
            int offset = s * features;
            double imageMean = 0;
            for (int i = 0; i < features; i++) {
                raw[i] = pixels[offset + i] * std + mean;
                imageMean += raw[i];
            }
            imageMean /= features;
            switch (type) {
                case GAUSSIAN_NOISE -> {
                    for (int i = 0; i < features; i++) {
                        out[i] = raw[i] + severity * rng.nextGaussian();
                    }
                }
                case CONTRAST -> {
                    for (int i = 0; i < features; i++) {
                        out[i] = (raw[i] - imageMean) * severity + imageMean;
                    }
                }
                case BLUR -> blur(raw, out, side, kernel);
            }
            for (int i = 0; i < features; i++) {
                pixels[offset + i] = (float) ((Math.min(1, Math.max(0, out[i])) - mean) / std);
            }
        }
        return ImageDataset.of(images.name() + ", " + describe(), features, images.classes(), pixels, images.labels());
    }

    /** E.g. {@code gaussian noise 0.2}. */
    public String describe() {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + severity;
    }

    /** A normalised 1-D Gaussian kernel reaching 3σ; the identity for σ = 0. */
    private static double[] gaussianKernel(double sigma) {
        if (sigma == 0) {
            return new double[] {1};
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Separable blur: rows, then columns. */
    private static void blur(double[] in, double[] out, int side, double[] kernel) {
        int radius = kernel.length / 2;
        double[] rows = new double[in.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double sum = 0;
                for (int d = -radius; d <= radius; d++) {
                    int xx = x + d;
                    if (xx >= 0 && xx < side) {
                        sum += kernel[d + radius] * in[y * side + xx];
                    }
                }
                rows[y * side + x] = sum;
            }
        }
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double sum = 0;
                for (int d = -radius; d <= radius; d++) {
                    int yy = y + d;
                    if (yy >= 0 && yy < side) {
                        sum += kernel[d + radius] * rows[yy * side + x];
                    }
                }
                out[y * side + x] = sum;
            }
        }
    }
}
