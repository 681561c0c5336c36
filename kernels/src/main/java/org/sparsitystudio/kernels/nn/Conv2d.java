package org.sparsitystudio.kernels.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-D convolution as PyTorch's {@code nn.Conv2d} with a square kernel: input [batch, C, H, W],
 * output [batch, F, H', W'] with {@code H' = (H + 2·padding − k)/stride + 1}; weight [F, C, k, k]
 * (prunable, decayed) and bias [F]. Initialised as PyTorch: both uniform in ±1/√(C·k·k).
 *
 * <p>Computed as im2col followed by one GEMM per image with the weight viewed as [F, C·k·k];
 * the backward pass runs the same GEMMs transposed by flag and scatters back with col2im.
 */
public final class Conv2d implements Layer, org.sparsitystudio.kernels.count.Counted {

    private final int channels;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final DataType type;
    private final Parameter weight;
    private final Parameter bias;

    private long[] inputShape;
    private INDArray mask;
    private INDArray columns;
    private INDArray output;
    private INDArray gradColumns;
    private INDArray gradInput;

    public Conv2d(int channels, int filters, int kernel, int stride, int padding, boolean withBias, DataType type,
            SplittableRandom rng) {
        if (channels <= 0 || filters <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("bad Conv2d sizes: C=" + channels + " F=" + filters + " k=" + kernel
                    + " stride=" + stride + " padding=" + padding);
        }
        this.channels = channels;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.type = type;
        double bound = 1.0 / Math.sqrt((double) channels * kernel * kernel);
        this.weight = new Parameter("weight", Init.uniform(type, rng, bound, filters, channels, kernel, kernel), true, true);
        this.bias = withBias ? new Parameter("bias", Init.uniform(type, rng, bound, filters), false, false) : null;
    }

    public Parameter weight() {
        return weight;
    }

    /**
     * Fixes a weight mask (1 keep, 0 pruned) of the weight's shape, or removes it with {@code null}.
     * Pruned weights are dropped: zeroed now, kept zero after every update, no gradient.
     */
    public void setMask(INDArray newMask) {
        if (newMask != null && !java.util.Arrays.equals(newMask.shape(), weight.value().shape())) {
            throw new IllegalArgumentException("mask shape " + java.util.Arrays.toString(newMask.shape())
                    + " does not match weight shape " + java.util.Arrays.toString(weight.value().shape()));
        }
        mask = newMask == null || newMask.dataType() == type ? newMask : newMask.castTo(type);
        weight.keepZeroWhere(mask);
        if (mask != null) {
            weight.value().muli(mask);
        }
    }

    /** The weight mask, or {@code null}. */
    public INDArray mask() {
        return mask;
    }

    /** The bias, or {@code null} when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public long lastForwardFlops() {
        return positions() * (2L * weight.size() + (bias == null ? 0 : filters));
    }

    @Override
    public long lastEffectiveForwardFlops() {
        long nonzero = Nd4j.getExecutioner().exec(
                new org.nd4j.linalg.api.ops.impl.reduce.longer.CountNonZero(weight.value())).getLong(0);
        return positions() * (2L * nonzero + (bias == null ? 0 : filters));
    }

    /** Output positions of the last forward call: batch × height × width. */
    private long positions() {
        return inputShape == null ? 0
                : inputShape[0] * outputSize((int) inputShape[2]) * (long) outputSize((int) inputShape[3]);
    }

    /** Output size along one spatial axis of length {@code n}. */
    public int outputSize(int n) {
        return (n + 2 * padding - kernel) / stride + 1;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 4 || x.size(1) != channels) {
            throw new IllegalArgumentException("Conv2d expects [batch, " + channels + ", H, W], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        inputShape = x.shape();
        long b = x.size(0);
        int oh = outputSize((int) x.size(2));
        int ow = outputSize((int) x.size(3));
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("input " + java.util.Arrays.toString(inputShape) + " is smaller than the kernel");
        }
        long patch = (long) channels * kernel * kernel;
        columns = Buffers.ensure(columns, type, b, channels, kernel, kernel, oh, ow);
        Convolution.im2col(x, kernel, kernel, stride, stride, padding, padding, 1, 1, false, columns);
        output = Buffers.ensure(output, type, b, filters, oh, ow);
        INDArray w = weight.value().reshape('c', filters, patch);
        INDArray cols = columns.reshape('c', b, patch, (long) oh * ow);
        INDArray out = output.reshape('c', b, filters, (long) oh * ow);
        for (long n = 0; n < b; n++) {
            Nd4j.gemm(w, cols.get(NDArrayIndex.point(n)), out.get(NDArrayIndex.point(n)), false, false, 1.0, 0.0);
        }
        if (bias != null) {
            Nd4j.getExecutioner().exec(new BroadcastAddOp(out, bias.value(), out, 1));
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long b = inputShape[0];
        long patch = (long) channels * kernel * kernel;
        long spots = output.size(2) * output.size(3);
        INDArray g = gradOutput.reshape('c', b, filters, spots);
        INDArray w = weight.value().reshape('c', filters, patch);
        INDArray gw = weight.grad().reshape('c', filters, patch);
        INDArray cols = columns.reshape('c', b, patch, spots);
        gradColumns = Buffers.ensure(gradColumns, type, columns.shape());
        INDArray gcols = gradColumns.reshape('c', b, patch, spots);
        for (long n = 0; n < b; n++) {
            INDArray gn = g.get(NDArrayIndex.point(n));
            // dW = Σ_n dY_n colsₙᵀ (beta = 1 accumulates after the first image); dcols_n = Wᵀ dY_n
            Nd4j.gemm(gn, cols.get(NDArrayIndex.point(n)), gw, false, true, 1.0, n == 0 ? 0.0 : 1.0);
            Nd4j.gemm(w, gn, gcols.get(NDArrayIndex.point(n)), true, false, 1.0, 0.0);
        }
        if (mask != null) {
            weight.grad().muli(mask);
        }
        if (bias != null) {
            g.sum(bias.grad(), 0, 2);
        }
        gradInput = Buffers.ensure(gradInput, type, inputShape);
        gradInput.assign(0);
        Convolution.col2im(gradColumns, gradInput, stride, stride, padding, padding, (int) inputShape[2],
                (int) inputShape[3], 1, 1);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }
}
