package org.sparsitystudio.kernels.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gives every sample a fixed shape: [batch, …] → [batch, s1, s2, …] in row-major order, as
 * PyTorch's {@code nn.Unflatten(1, shape)}; for example flat 784-pixel rows to [batch, 1, 28, 28]
 * before a {@link Conv2d}. The output is an owned copy.
 */
public final class Reshape implements Layer {

    private final long[] sampleShape;
    private final long sampleLength;
    private long[] inputShape;
    private INDArray output;
    private INDArray gradInput;

    public Reshape(long... sampleShape) {
        this.sampleShape = sampleShape.clone();
        this.sampleLength = Arrays.stream(sampleShape).reduce(1, (a, c) -> a * c);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long b = x.size(0);
        if (x.length() != b * sampleLength) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x.shape()) + " to samples of "
                    + Arrays.toString(sampleShape));
        }
        inputShape = x.shape();
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = b;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        output = Buffers.ensure(output, x.dataType(), shape);
        output.assign(x.reshape('c', shape));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), inputShape);
        gradInput.assign(gradOutput.reshape('c', inputShape));
        return gradInput;
    }
}
