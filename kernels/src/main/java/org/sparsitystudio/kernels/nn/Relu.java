package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/** Rectified linear unit, element-wise {@code max(0, x)}; its gradient passes where {@code x > 0}. */
public final class Relu implements Layer, ActivationProbe {

    private INDArray output;
    private INDArray gate;
    private INDArray gradInput;

    @Override
    public INDArray forward(INDArray x, boolean training) {
        output = Buffers.ensure(output, x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new RectifiedLinear(x, output));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        gate = Buffers.ensure(gate, output.dataType(), output.shape());
        gradInput = Buffers.ensure(gradInput, output.dataType(), output.shape());
        Nd4j.getExecutioner().exec(new Step(output, gate, 0.0));
        gradOutput.mul(gate, gradInput);
        return gradInput;
    }

    /** The output of the last forward call: the activations whose sparsity studies measure. */
    public INDArray lastOutput() {
        return output;
    }

    @Override
    public INDArray lastActivation() {
        return output;
    }
}
