package org.sparsitystudio.experiments.data.aerial;

import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.sparsitystudio.experiments.data.ColourDataset;
import org.sparsitystudio.experiments.data.RgbImages;

/**
 * Procedural aerial scenes: a pure function (seed, class, index) ↦ RGB image, as specified in
 * SCIENCE.md, "Synthetic aerial scenes".
 *
 * <p>Each image has its own {@link SplittableRandom}, seeded by a hash of (seed, class, index),
 * and nothing else random: no clock, no shared generator, {@link StrictMath} for every
 * transcendental function. So the same arguments give the same floats, and the same PNG bytes,
 * on every machine, in any order and on any number of threads.
 *
 * <p>Recipe per image: draw θ ~ U[0°, 360°) and a brightness factor ~ U[0.9, 1.1]; paint the
 * class's scene upright on a 182² canvas; cut the 128² view turned by θ about the centre
 * (bilinear); box-downsample to the output size; multiply by the brightness factor; add Gaussian
 * noise of σ 0.02; clamp to [0, 1]. θ is drawn even when the image is upright, so an upright
 * image and its rotated version differ only by the rotation (and the resampling it implies).
 *
 * <p>Test images use indices from {@link #TEST_INDEX_OFFSET} on, so the test set is the same
 * whatever the training set size: a data-scaling study compares models on identical test images.
 */
public final class AerialScenes {

    /** The resolution scenes are drawn at before box-downsampling. */
    public static final int DRAW_SIZE = 128;
    /** Index of the first test image of each class; training images count from 0. */
    public static final int TEST_INDEX_OFFSET = 1 << 30;
    /** Standard deviation of the additive pixel noise. */
    public static final double NOISE_SIGMA = 0.02;

    /**
     * What to generate.
     *
     * @param seed          the data set seed
     * @param size          output side in pixels: 32 or 64
     * @param trainPerClass training images per class
     * @param testPerClass  test images per class
     * @param orientation   which splits are rotated
     */
    public record Config(long seed, int size, int trainPerClass, int testPerClass, Orientation orientation) {

        /** Checks the sizes. */
        public Config {
            Objects.requireNonNull(orientation, "orientation");
            checkSize(size);
            if (trainPerClass < 0 || testPerClass < 0) {
                throw new IllegalArgumentException("image counts must not be negative, got " + trainPerClass
                        + " and " + testPerClass);
            }
            if (testPerClass > TEST_INDEX_OFFSET || trainPerClass > TEST_INDEX_OFFSET) {
                throw new IllegalArgumentException("at most " + TEST_INDEX_OFFSET + " images per class and split");
            }
        }

        /** The default of SCIENCE.md: 64², 500 training and 100 test images per class, all rotated. */
        public static Config defaults(long seed) {
            return new Config(seed, 64, 500, 100, Orientation.ROTATED);
        }

        /** The same configuration with another orientation. */
        public Config withOrientation(Orientation value) {
            return new Config(seed, size, trainPerClass, testPerClass, value);
        }

        /** The same configuration with other image counts per class. */
        public Config withCounts(int train, int test) {
            return new Config(seed, size, train, test, orientation);
        }

        /** The same configuration at another output size. */
        public Config withSize(int value) {
            return new Config(seed, value, trainPerClass, testPerClass, orientation);
        }
    }

    /**
     * The two splits, with labels in {@link AerialClass} order and images class by class.
     *
     * @param train training images, indices 0 … trainPerClass − 1 of each class
     * @param test  test images, indices {@link #TEST_INDEX_OFFSET} + 0 … of each class
     */
    public record Split(ColourDataset train, ColourDataset test) {
    }

    private AerialScenes() {
    }

    /** Generates both splits; images are rendered in parallel, which does not change them. */
    public static Split generate(Config config) {
        ColourDataset train = generate(config, false);
        ColourDataset test = generate(config, true);
        return new Split(train, test);
    }

    private static ColourDataset generate(Config config, boolean test) {
        int perClass = test ? config.testPerClass() : config.trainPerClass();
        int classes = AerialClass.values().length;
        int count = perClass * classes;
        int features = 3 * config.size() * config.size();
        float[] pixels = new float[Math.multiplyExact(count, features)];
        int[] labels = new int[count];
        boolean rotated = config.orientation().rotates(test);
        int first = test ? TEST_INDEX_OFFSET : 0;
        IntStream.range(0, count).parallel().forEach(i -> {
            AerialClass kind = AerialClass.values()[i / perClass];
            labels[i] = kind.ordinal();
            render(config.seed(), kind, first + i % perClass, config.size(), rotated, pixels, i * features);
        });
        String name = String.format(java.util.Locale.ROOT, "aerial scenes %s (seed %d, %d², %s)",
                test ? "test" : "train", config.seed(), config.size(), rotated ? "rotated" : "upright");
        return ColourDataset.wrap(name, 3, config.size(), config.size(), AerialClass.displayNames(), pixels, labels);
    }

    /**
     * One image, channel-major, {@code 3 · size · size} values in [0, 1].
     *
     * @param rotated whether to turn the scene by its θ (false: θ = 0)
     */
    public static float[] render(long seed, AerialClass kind, int index, int size, boolean rotated) {
        float[] out = new float[3 * size * size];
        render(seed, kind, index, size, rotated, out, 0);
        return out;
    }

    /** {@link #render(long, AerialClass, int, int, boolean)} into {@code dst} at {@code offset}. */
    public static void render(long seed, AerialClass kind, int index, int size, boolean rotated, float[] dst,
            int offset) {
        checkSize(size);
        SplittableRandom rng = new SplittableRandom(imageSeed(seed, kind.ordinal(), index));
        double theta = 2 * StrictMath.PI * rng.nextDouble();
        double brightness = 0.9 + 0.2 * rng.nextDouble();
        Canvas canvas = new Canvas();
        ScenePainter.paint(kind, canvas, rng);
        float[] view = view(canvas, rotated ? theta : 0.0);
        downsample(view, size, brightness, rng, dst, offset);
    }

    /** The angle in degrees that image (seed, class, index) is turned by when rotated. */
    public static double angleDegrees(long seed, AerialClass kind, int index) {
        return 360 * new SplittableRandom(imageSeed(seed, kind.ordinal(), index)).nextDouble();
    }

    /**
     * The 128² view turned by θ: output pixel centre p maps to canvas point centre + R(θ)(p − 64).
     * At θ = 0 the samples fall on pixel centres and the view is an exact crop.
     */
    private static float[] view(Canvas canvas, double theta) {
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        int plane = DRAW_SIZE * DRAW_SIZE;
        float[] out = new float[3 * plane];
        double half = DRAW_SIZE / 2.0;
        for (int y = 0; y < DRAW_SIZE; y++) {
            double dy = y + 0.5 - half;
            for (int x = 0; x < DRAW_SIZE; x++) {
                double dx = x + 0.5 - half;
                double sx = Canvas.CENTRE + cos * dx - sin * dy;
                double sy = Canvas.CENTRE + sin * dx + cos * dy;
                for (int ch = 0; ch < 3; ch++) {
                    out[ch * plane + y * DRAW_SIZE + x] = (float) canvas.sample(ch, sx, sy);
                }
            }
        }
        return out;
    }

    /** Box average over factor² blocks, brightness, then N(0, σ²) noise and clamping. */
    private static void downsample(float[] view, int size, double brightness, SplittableRandom rng, float[] dst,
            int offset) {
        int factor = DRAW_SIZE / size;
        int plane = size * size;
        double norm = brightness / (factor * factor);
        double spare = Double.NaN;
        for (int ch = 0; ch < 3; ch++) {
            int src = ch * DRAW_SIZE * DRAW_SIZE;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double sum = 0;
                    for (int yy = 0; yy < factor; yy++) {
                        int row = src + (y * factor + yy) * DRAW_SIZE + x * factor;
                        for (int xx = 0; xx < factor; xx++) {
                            sum += view[row + xx];
                        }
                    }
                    double noise;
                    if (Double.isNaN(spare)) {
                        // Box–Muller in StrictMath rather than nextGaussian, whose algorithm the
                        // JDK does not promise to keep.
                        double u1 = 1.0 - rng.nextDouble();
                        double u2 = rng.nextDouble();
                        double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
                        noise = r * StrictMath.cos(2 * StrictMath.PI * u2);
                        spare = r * StrictMath.sin(2 * StrictMath.PI * u2);
                    } else {
                        noise = spare;
                        spare = Double.NaN;
                    }
                    double v = sum * norm + NOISE_SIGMA * noise;
                    dst[offset + ch * plane + y * size + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
    }

    /**
     * Writes a PNG contact sheet for documentation: one column per class (in label order), one row
     * per image index 0 … perClass − 1, each image scaled up twofold.
     */
    public static void writeSampleSheet(long seed, int size, int perClass, boolean rotated, Path file) {
        Config config = new Config(seed, size, perClass, 0, rotated ? Orientation.ROTATED : Orientation.UPRIGHT);
        ColourDataset set = generate(config, false);
        int classes = AerialClass.values().length;
        int[] samples = new int[perClass * classes];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = (k % classes) * perClass + k / classes;
        }
        RgbImages.writeGridPng(set, samples, classes, 2, file);
    }

    /**
     * Command line for {@link #writeSampleSheet}: {@code OUT.png [seed] [size] [perClass] [upright]}.
     * The sheet in docs/aerial-scenes.png is {@code docs/aerial-scenes.png 1 64 4}.
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: AerialScenes OUT.png [seed=1] [size=64] [perClass=6] [upright]");
            System.exit(2);
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int perClass = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        boolean upright = args.length > 4 && args[4].equals("upright");
        writeSampleSheet(seed, size, perClass, !upright, Path.of(args[0]));
    }

    private static void checkSize(int size) {
        if (size != 32 && size != 64) {
            throw new IllegalArgumentException("aerial scenes are 32 or 64 px wide, got " + size);
        }
    }

    /** A well-spread seed per image; chained mixing so that nearby (seed, class, index) tuples do not correlate. */
    static long imageSeed(long seed, int classIndex, int index) {
        long h = mix64(seed ^ 0x5DEECE66DL);
        h = mix64(h ^ (0x9E3779B97F4A7C15L * (classIndex + 1L)));
        return mix64(h ^ (0xC2B2AE3D27D4EB4FL * (index + 1L)));
    }

    /** Stafford's variant 13 finaliser, as used inside SplittableRandom. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
