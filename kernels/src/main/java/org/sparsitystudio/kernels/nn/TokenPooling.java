package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reduces tokens [batch, T, dim] to one vector per sample [batch, dim] for a classifier head:
 * either the first (class) token, as timm's {@code global_pool='token'}, or the mean over tokens
 * ({@code global_pool='avg'}).
 */
public final class TokenPooling implements Layer {

    /** Which reduction to apply. */
    public enum Mode {
        /** Take token 0 (the class token prepended by {@link PositionalEmbedding}). */
        CLS,
        /** Average over all tokens. */
        MEAN
    }

    private final Mode mode;
    private long[] inputShape;
    private INDArray output;
    private INDArray gradInput;

    public TokenPooling(Mode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("expected [batch, tokens, dim], got " + java.util.Arrays.toString(x.shape()));
        }
        inputShape = x.shape();
        output = Buffers.ensure(output, x.dataType(), x.size(0), x.size(2));
        if (mode == Mode.CLS) {
            output.assign(x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()));
        } else {
            x.mean(output, 1);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), inputShape);
        long t = inputShape[1];
        if (mode == Mode.CLS) {
            gradInput.assign(0);
            gradInput.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(gradOutput);
        } else {
            // each token receives g / T: broadcast the [B, D] gradient over the token axis
            Nd4j.getExecutioner().exec(new BroadcastCopyOp(gradInput, gradOutput, gradInput, 0, 2));
            gradInput.divi(t);
        }
        return gradInput;
    }
}
