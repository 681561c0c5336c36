package org.sparsitystudio.experiments.kinds.randompruning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.kernels.nn.Conv2d;
import org.sparsitystudio.kernels.nn.Flatten;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Relu;
import org.sparsitystudio.kernels.nn.Reshape;
import org.sparsitystudio.kernels.nn.Sequential;

/**
 * The networks of the random-pruning study on 28×28 images, scaled by a width multiplier w.
 *
 * <p>MLP: hidden widths 300w, then 100w for every further hidden layer (depth 2 is the reference
 * 784-300-100-10). CNN: conv 3×3 to 16w channels, conv 3×3 stride 2 to 32w, then depth − 1 more
 * conv 3×3 (the first of them stride 2, the rest stride 1) at 32w, flatten, linear to 10.
 * Widths are rounded and at least 1.
 */
public enum Architecture {
    MLP, CNN;

    /** Parses "mlp" or "cnn" in any case. */
    public static Architecture parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Builds the network, initialised from {@code seed}. */
    public Sequential build(double width, int depth, DataType type, long seed) {
        if (!(width > 0) || depth < 1) {
            throw new IllegalArgumentException("width must be > 0 and depth ≥ 1, got " + width + " and " + depth);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        if (this == MLP) {
            int previous = 784;
            for (int i = 0; i < depth; i++) {
                int units = scaled(i == 0 ? 300 : 100, width);
                layers.add(new Linear(previous, units, true, type, rng));
                layers.add(new Relu());
                previous = units;
            }
            layers.add(new Linear(previous, 10, true, type, rng));
        } else {
            int c1 = scaled(16, width);
            int c2 = scaled(32, width);
            layers.add(new Reshape(1, 28, 28));
            layers.add(new Conv2d(1, c1, 3, 1, 1, true, type, rng));
            layers.add(new Relu());
            layers.add(new Conv2d(c1, c2, 3, 2, 1, true, type, rng));
            layers.add(new Relu());
            int side = 14;
            for (int i = 1; i < depth; i++) {
                int stride = i == 1 ? 2 : 1;
                layers.add(new Conv2d(c2, c2, 3, stride, 1, true, type, rng));
                layers.add(new Relu());
                side = stride == 2 ? 7 : side;
            }
            layers.add(new Flatten());
            layers.add(new Linear(c2 * side * side, 10, true, type, rng));
        }
        return new Sequential(layers);
    }

    /**
     * The prunable layers' weight shapes (input side first) without building the network, named as
     * a reader would: fc1, fc2, ... for the MLP; conv1, ..., fc for the CNN.
     */
    public java.util.List<org.sparsitystudio.kernels.sparsity.LayerShape> shapes(double width, int depth) {
        java.util.List<org.sparsitystudio.kernels.sparsity.LayerShape> out = new ArrayList<>();
        if (this == MLP) {
            int previous = 784;
            for (int i = 0; i < depth; i++) {
                int units = scaled(i == 0 ? 300 : 100, width);
                out.add(org.sparsitystudio.kernels.sparsity.LayerShape.linear("fc" + (i + 1), units, previous));
                previous = units;
            }
            out.add(org.sparsitystudio.kernels.sparsity.LayerShape.linear("fc" + (depth + 1), 10, previous));
        } else {
            int c1 = scaled(16, width);
            int c2 = scaled(32, width);
            out.add(new org.sparsitystudio.kernels.sparsity.LayerShape("conv1", c1, 1, 3, 3));
            out.add(new org.sparsitystudio.kernels.sparsity.LayerShape("conv2", c2, c1, 3, 3));
            int side = 14;
            for (int i = 1; i < depth; i++) {
                out.add(new org.sparsitystudio.kernels.sparsity.LayerShape("conv" + (i + 2), c2, c2, 3, 3));
                side = i == 1 ? 7 : side;
            }
            out.add(org.sparsitystudio.kernels.sparsity.LayerShape.linear("fc", 10, (long) c2 * side * side));
        }
        return out;
    }

    private static int scaled(int base, double width) {
        return Math.max(1, (int) Math.round(base * width));
    }
}
