package org.sparsitystudio.experiments.data;

/**
 * The content of an IDX image file (magic {@code 0x00000803}): {@code count} images of
 * {@code rows × cols} unsigned bytes, row-major, image after image.
 *
 * <p>The array is shared, not copied: this is a transient value between {@link IdxReader} and a
 * loader, and the full Fashion-MNIST training set is 47 MB.
 *
 * @param count number of images
 * @param rows pixel rows per image
 * @param cols pixel columns per image
 * @param pixels {@code count * rows * cols} raw pixel values (read with {@code & 0xFF})
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * cols;
    }
}
