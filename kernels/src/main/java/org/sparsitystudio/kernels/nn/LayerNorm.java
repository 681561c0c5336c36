package org.sparsitystudio.kernels.nn;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation over the last dimension, as PyTorch's {@code nn.LayerNorm(dim)}:
 * {@code y = (x − mean) / √(var + eps) · weight + bias} with the biased variance and eps 1e-5.
 * The gain ({@code weight}, init 1) and {@code bias} (init 0) have shape [dim], are not decayed and
 * not prunable. Input of any rank ≥ 2 is normalised as the 2-D view [rows, dim].
 */
public final class LayerNorm implements Layer {

    /** PyTorch's default epsilon. */
    public static final double EPS = 1e-5;

    private final int dim;
    private final DataType type;
    private final Parameter weight;
    private final Parameter bias;

    private long[] inputShape;
    private INDArray mean;
    private INDArray rstd;
    private INDArray xhat;
    private INDArray output;
    private INDArray dxhat;
    private INDArray tmp;
    private INDArray rowMean1;
    private INDArray rowMean2;
    private INDArray gradInput;

    public LayerNorm(int dim, DataType type) {
        if (dim <= 0) {
            throw new IllegalArgumentException("LayerNorm needs a positive size, got " + dim);
        }
        this.dim = dim;
        this.type = type;
        this.weight = new Parameter("weight", Nd4j.ones(type, dim), false, false);
        this.bias = new Parameter("bias", Nd4j.zeros(type, dim), false, false);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        inputShape = x.shape();
        if (inputShape[inputShape.length - 1] != dim) {
            throw new IllegalArgumentException("LayerNorm(" + dim + ") got shape " + java.util.Arrays.toString(inputShape));
        }
        long rows = x.length() / dim;
        INDArray x2 = x.reshape('c', rows, dim);
        mean = Buffers.ensure(mean, type, rows);
        rstd = Buffers.ensure(rstd, type, rows);
        xhat = Buffers.ensure(xhat, type, rows, dim);
        tmp = Buffers.ensure(tmp, type, rows, dim);
        output = Buffers.ensure(output, type, inputShape);
        x2.mean(mean, 1);
        xhat.assign(x2).subiColumnVector(mean);
        xhat.mul(xhat, tmp).mean(rstd, 1);
        rstd.addi(EPS);
        Transforms.pow(rstd, -0.5, false);
        xhat.muliColumnVector(rstd);
        output.reshape('c', rows, dim).assign(xhat).muliRowVector(weight.value()).addiRowVector(bias.value());
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long rows = xhat.size(0);
        INDArray g = gradOutput.reshape('c', rows, dim);
        dxhat = Buffers.ensure(dxhat, type, rows, dim);
        rowMean1 = Buffers.ensure(rowMean1, type, rows);
        rowMean2 = Buffers.ensure(rowMean2, type, rows);
        gradInput = Buffers.ensure(gradInput, type, inputShape);
        g.sum(bias.grad(), 0);
        g.mul(xhat, tmp).sum(weight.grad(), 0);
        // dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)), per row
        dxhat.assign(g).muliRowVector(weight.value());
        dxhat.mean(rowMean1, 1);
        dxhat.mul(xhat, tmp).mean(rowMean2, 1);
        gradInput.reshape('c', rows, dim).assign(xhat).muliColumnVector(rowMean2).negi().addi(dxhat)
                .subiColumnVector(rowMean1).muliColumnVector(rstd);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
