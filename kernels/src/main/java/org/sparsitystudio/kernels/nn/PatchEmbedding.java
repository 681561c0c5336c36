package org.sparsitystudio.kernels.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ViT patch embedding: images [batch, C·H·W] (flat rows, row-major C, H, W) or [batch, C, H, W]
 * become tokens [batch, T, dim], T = (H/p)·(W/p) non-overlapping p×p patches in raster order
 * (left to right, then top to bottom), each projected by a {@link Linear} (C·p·p → dim).
 *
 * <p>This equals PyTorch's {@code Conv2d(C, dim, kernel_size=p, stride=p)} followed by
 * {@code flatten(2).transpose(1, 2)}: the projection weight {@code proj.weight} [dim, C·p·p] is
 * that convolution's weight [dim, C, p, p] flattened row-major, with the same init (uniform
 * ±1/√(C·p·p)); the bias is {@code proj.bias}. Patches are gathered by one strided copy.
 */
public final class PatchEmbedding implements Layer {

    private final int channels;
    private final int height;
    private final int width;
    private final int patch;
    private final int rowsOfPatches;
    private final int colsOfPatches;
    private final DataType type;
    private final Linear proj;

    private long[] inputShape;
    private INDArray patches;
    private INDArray gradInput;

    public PatchEmbedding(int channels, int height, int width, int patch, int dim, DataType type, SplittableRandom rng) {
        if (patch <= 0 || height % patch != 0 || width % patch != 0) {
            throw new IllegalArgumentException("patch " + patch + " must divide the image " + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.patch = patch;
        this.rowsOfPatches = height / patch;
        this.colsOfPatches = width / patch;
        this.type = type;
        this.proj = new Linear(channels * patch * patch, dim, true, type, rng);
        for (Parameter p : proj.parameters()) {
            p.rename("proj." + p.name());
        }
    }

    /** The patch projection; its weight is prunable like any Linear weight. */
    @Override
    public List<Layer> children() {
        return List.of(proj);
    }

    public Linear proj() {
        return proj;
    }

    /** Number of tokens per image. */
    public int tokens() {
        return rowsOfPatches * colsOfPatches;
    }

    /**
     * The images' patches as rows [batch, T, C·p·p] in the order this layer projects them: the
     * reconstruction target of masked-patch pre-training, so that target and token always agree.
     * A new array, independent of the layer's buffers.
     */
    public INDArray patches(INDArray images) {
        long b = images.size(0);
        if (images.length() != b * channels * height * width) {
            throw new IllegalArgumentException("expected images of " + channels + "x" + height + "x" + width + ", got "
                    + java.util.Arrays.toString(images.shape()));
        }
        return images.reshape('c', b, channels, rowsOfPatches, patch, colsOfPatches, patch).permute(0, 2, 4, 1, 3, 5)
                .dup('c').reshape('c', b, tokens(), (long) channels * patch * patch);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long b = x.size(0);
        if (x.length() != b * channels * height * width) {
            throw new IllegalArgumentException("expected images of " + channels + "x" + height + "x" + width + ", got "
                    + java.util.Arrays.toString(x.shape()));
        }
        inputShape = x.shape();
        patches = Buffers.ensure(patches, type, b, rowsOfPatches, colsOfPatches, channels, patch, patch);
        // [B, C, H/p, p, W/p, p] → [B, H/p, W/p, C, p, p]: one row of C·p·p values per patch
        patches.assign(x.reshape('c', b, channels, rowsOfPatches, patch, colsOfPatches, patch).permute(0, 2, 4, 1, 3, 5));
        return proj.forward(patches.reshape('c', b, tokens(), (long) channels * patch * patch), training);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long b = inputShape[0];
        INDArray gradPatches = proj.backward(gradOutput);
        gradInput = Buffers.ensure(gradInput, type, inputShape);
        gradInput.reshape('c', b, channels, rowsOfPatches, patch, colsOfPatches, patch).permute(0, 2, 4, 1, 3, 5)
                .assign(gradPatches.reshape('c', b, rowsOfPatches, colsOfPatches, channels, patch, patch));
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return proj.parameters();
    }
}
