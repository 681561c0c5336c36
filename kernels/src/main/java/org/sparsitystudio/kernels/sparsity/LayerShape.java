package org.sparsitystudio.kernels.sparsity;

/**
 * The shape of a prunable weight for layer-wise density rules: a linear layer has kernel 1×1.
 *
 * @param name         the layer's name, for reports
 * @param out          output features or channels
 * @param in           input features or channels
 * @param kernelHeight 1 for linear layers
 * @param kernelWidth  1 for linear layers
 */
public record LayerShape(String name, long out, long in, long kernelHeight, long kernelWidth) {

    public LayerShape {
        if (out <= 0 || in <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
            throw new IllegalArgumentException("layer " + name + " needs positive sizes");
        }
    }

    /** A linear layer [out, in]. */
    public static LayerShape linear(String name, long out, long in) {
        return new LayerShape(name, out, in, 1, 1);
    }

    /** Number of weights. */
    public long count() {
        return out * in * kernelHeight * kernelWidth;
    }
}
