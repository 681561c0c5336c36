package org.sparsitystudio.experiments.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled set of RGB images: an {@link ImageDataset} whose rows are images of
 * {@code channels × height × width} values in [0, 1], channel-major (all red values of an image,
 * then all green, then all blue, each row by row), plus the image shape and the class names.
 *
 * <p>The rows stay flat so that everything written for {@link ImageDataset} ({@link Batches},
 * the trainers) works unchanged; a model that needs [N, C, H, W] reshapes a batch with
 * {@link #channels()}, {@link #height()} and {@link #width()}.
 *
 * @param data       the samples; {@code data.features() == channels * height * width}
 * @param channels   values per pixel (3 for RGB)
 * @param height     image rows
 * @param width      image columns
 * @param classNames display name per class index, {@code data.classes()} of them
 */
public record ColourDataset(ImageDataset data, int channels, int height, int width, List<String> classNames) {

    /** Checks that the shape and the class names fit the data. */
    public ColourDataset {
        Objects.requireNonNull(data, "data");
        classNames = List.copyOf(classNames);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "×" + height + "×" + width);
        }
        if ((long) channels * height * width != data.features()) {
            throw new IllegalArgumentException(data.name() + ": " + data.features() + " features per row are not "
                    + channels + "×" + height + "×" + width);
        }
        if (classNames.size() != data.classes()) {
            throw new IllegalArgumentException(data.name() + ": " + classNames.size() + " class names for "
                    + data.classes() + " classes");
        }
    }

    /**
     * Wraps freshly built arrays without copying them; the caller must not touch them afterwards.
     * Exists because a colour set is large (4,000 images of 64² RGB are 200 MB) and
     * {@link ImageDataset#of} would copy it once more.
     *
     * @param pixels {@code labels.length · channels · height · width} values, channel-major per image
     */
    public static ColourDataset wrap(String name, int channels, int height, int width, List<String> classNames,
            float[] pixels, int[] labels) {
        ImageDataset data = new ImageDataset(name, channels * height * width, classNames.size(), pixels, labels, true);
        return new ColourDataset(data, channels, height, width, classNames);
    }

    /** Number of images. */
    public int size() {
        return data.size();
    }

    /** A copy of one image's values, channel-major. */
    public float[] image(int sample) {
        float[] out = new float[data.features()];
        data.copyRow(sample, out, 0);
        return out;
    }
}
