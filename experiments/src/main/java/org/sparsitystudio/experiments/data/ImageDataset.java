package org.sparsitystudio.experiments.data;

import java.util.Arrays;

/**
 * An immutable labelled image set: {@link #size()} samples of {@link #features()} normalised
 * pixel values each, stored row-major, and a class index per sample.
 *
 * <p>The arrays are owned by this object and never exposed: {@link #pixels()} and
 * {@link #labels()} return copies, so training code that needs speed reads rows with
 * {@link #copyRow} or through {@link Batches}.
 */
public final class ImageDataset {

    private final String name;
    private final int features;
    private final int classes;
    private final float[] pixels;
    private final int[] labels;
    private final int[] classCounts;

    /** Takes ownership of the arrays without copying; for loaders in this package. */
    ImageDataset(String name, int features, int classes, float[] pixels, int[] labels, boolean owned) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a data set needs a name");
        }
        if (features <= 0 || classes <= 0) {
            throw new IllegalArgumentException("features and classes must be positive, got " + features + ", " + classes);
        }
        if ((long) labels.length * features != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel values do not make "
                    + labels.length + " rows of " + features + " features");
        }
        this.name = name;
        this.features = features;
        this.classes = classes;
        this.pixels = owned ? pixels : pixels.clone();
        this.labels = owned ? labels : labels.clone();
        this.classCounts = new int[classes];
        for (int i = 0; i < this.labels.length; i++) {
            int label = this.labels[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(name + ": label " + label + " of sample " + i
                        + " is outside 0.." + (classes - 1));
            }
            classCounts[label]++;
        }
    }

    /**
     * Creates a data set from copies of the given arrays.
     *
     * @param pixels normalised values, row-major, {@code labels.length * features} of them
     * @param labels class index per sample, each in {@code 0..classes-1}
     */
    public static ImageDataset of(String name, int features, int classes, float[] pixels, int[] labels) {
        return new ImageDataset(name, features, classes, pixels, labels, false);
    }

    /** A short name for display and provenance, e.g. "Fashion-MNIST train". */
    public String name() {
        return name;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Values per sample (784 for 28×28 images). */
    public int features() {
        return features;
    }

    /** Number of classes; labels lie in {@code 0..classes-1}. */
    public int classes() {
        return classes;
    }

    /** A copy of all normalised values, row-major, {@code size() * features()} long. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** A copy of the labels, {@code size()} long. */
    public int[] labels() {
        return labels.clone();
    }

    /** The label of one sample. */
    public int label(int sample) {
        return labels[sample];
    }

    /** Copies one sample's values into {@code dst} starting at {@code offset}. */
    public void copyRow(int sample, float[] dst, int offset) {
        System.arraycopy(pixels, sample * features, dst, offset, features);
    }

    /** Number of samples of each class, indexed by class. */
    public int[] classCounts() {
        return classCounts.clone();
    }

    /**
     * A class-balanced, seeded share of this set: from each class, {@code round(fraction · n_c)}
     * of its samples (at least one), drawn without replacement by a shuffle seeded with
     * {@code seed}, kept in their original order. Balance matters because a small share drawn at
     * random would change the class mix, and with it the accuracy, by chance.
     *
     * @param fraction share of each class to keep, in (0, 1]; 1 returns this set itself
     */
    public ImageDataset balancedSubset(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must lie in (0, 1], got " + fraction);
        }
        if (fraction == 1) {
            return this;
        }
        int[][] byClass = new int[classes][];
        int[] filled = new int[classes];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[classCounts[c]];
        }
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] chosen = new int[labels.length];
        int count = 0;
        for (int c = 0; c < classes; c++) {
            int[] members = byClass[c];
            if (members.length == 0) {
                continue;
            }
            int keep = Math.max(1, (int) Math.round(fraction * members.length));
            // a partial Fisher–Yates shuffle: the first keep entries are a uniform sample
            for (int i = 0; i < keep; i++) {
                int j = i + rng.nextInt(members.length - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
                chosen[count++] = members[i];
            }
        }
        int[] samples = Arrays.copyOf(chosen, count);
        Arrays.sort(samples);
        float[] subPixels = new float[count * features];
        int[] subLabels = new int[count];
        for (int k = 0; k < count; k++) {
            System.arraycopy(pixels, samples[k] * features, subPixels, k * features, features);
            subLabels[k] = labels[samples[k]];
        }
        return new ImageDataset(String.format(java.util.Locale.ROOT, "%s, %.3g of each class (seed %d)", name, fraction,
                seed), features, classes, subPixels, subLabels, true);
    }

    /**
     * The same images with other labels, sharing this set's pixel array (both are immutable), so
     * that label-noise and random-label controls cost no copy of the images.
     *
     * @param labels class index per sample, {@link #size()} of them, each in {@code 0..classes-1}
     */
    public ImageDataset withLabels(String newName, int[] labels) {
        if (labels.length != size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + size() + " samples");
        }
        return new ImageDataset(newName, features, classes, pixels, labels.clone(), true);
    }

    /** The backing array, not to be modified; lets {@link Batches} copy rows without a detour. */
    float[] pixelsView() {
        return pixels;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " × " + features + ", " + classes + " classes, per class "
                + Arrays.toString(classCounts) + ")";
    }
}
