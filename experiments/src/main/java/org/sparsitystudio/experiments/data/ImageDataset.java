package org.sparsitystudio.experiments.data;

import java.util.Objects;

/**
 * Labelled images as normalised floats, row-major [size × features]. Immutable by convention: the
 * arrays are shared, not copied, because the training set is large.
 */
public final class ImageDataset {

    private final String name;
    private final float[] pixels;
    private final int[] labels;
    private final int features;
    private final int classes;

    public ImageDataset(String name, float[] pixels, int[] labels, int features, int classes) {
        this.name = Objects.requireNonNull(name, "name");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (features <= 0 || pixels.length != (long) labels.length * features) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels do not make " + labels.length
                    + " rows of " + features);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(name + ": label " + label + " outside 0.." + (classes - 1));
            }
        }
        this.features = features;
        this.classes = classes;
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    /** The normalised pixels, row-major; do not modify. */
    public float[] pixels() {
        return pixels;
    }

    /** The class of each row; do not modify. */
    public int[] labels() {
        return labels;
    }
}
