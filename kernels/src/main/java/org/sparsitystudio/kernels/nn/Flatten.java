package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flattens every sample: [batch, d1, d2, …] → [batch, d1·d2·…] in row-major order, as PyTorch's
 * {@code nn.Flatten()}. The output is copied into an owned buffer so that it stays valid when the
 * previous layer's output is overwritten.
 */
public final class Flatten implements Layer {

    private long[] inputShape;
    private INDArray output;
    private INDArray gradInput;

    @Override
    public INDArray forward(INDArray x, boolean training) {
        inputShape = x.shape();
        long b = x.size(0);
        output = Buffers.ensure(output, x.dataType(), b, x.length() / b);
        output.assign(x.reshape('c', b, x.length() / b));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), inputShape);
        gradInput.assign(gradOutput.reshape('c', inputShape));
        return gradInput;
    }
}
