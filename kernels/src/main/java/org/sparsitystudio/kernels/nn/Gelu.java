package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gaussian error linear unit in its exact form {@code x Φ(x) = ½ x (1 + erf(x/√2))}, as PyTorch's
 * default {@code nn.GELU()}; the derivative is {@code Φ(x) + x φ(x)}.
 *
 * <p>ND4J's {@code GELU} and {@code PreciseGELU} ops are approximations (sigmoid and tanh forms;
 * at x = −1 they give −0.154 and −0.169 where the exact value is −0.1587), so the exact form is
 * assembled from ND4J's element-wise {@code erf} and {@code exp}, in place into owned buffers.
 */
public final class Gelu implements Layer, ActivationProbe {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private INDArray input;
    private INDArray cdf;
    private INDArray output;
    private INDArray gradInput;

    @Override
    public INDArray forward(INDArray x, boolean training) {
        cdf = Buffers.ensure(cdf, x.dataType(), x.shape());
        output = Buffers.ensure(output, x.dataType(), x.shape());
        x.mul(INV_SQRT2, cdf);
        Nd4j.getExecutioner().exec(new Erf(cdf, cdf));
        cdf.addi(1.0).muli(0.5);
        x.mul(cdf, output);
        input = x;
        return output;
    }

    @Override
    public INDArray lastActivation() {
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        // Φ(x) is kept from forward; φ(x) = exp(−x²/2)/√(2π) is rebuilt in the gradient buffer
        gradInput = Buffers.ensure(gradInput, input.dataType(), input.shape());
        input.mul(input, gradInput).muli(-0.5);
        Nd4j.getExecutioner().exec(new Exp(gradInput, gradInput));
        gradInput.muli(INV_SQRT_2PI).muli(input).addi(cdf).muli(gradOutput);
        return gradInput;
    }
}
