package org.sparsitystudio.kernels.mamba;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sparsitystudio.kernels.nn.Buffers;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * Root-mean-square normalisation over the last dimension, as mamba_ssm's {@code RMSNorm}:
 * {@code y = x / √(mean(x²) + eps) · weight} with eps 1e-5 and no bias or centring, which is
 * what makes it cheaper than {@link org.sparsitystudio.kernels.nn.LayerNorm}. The gain
 * ({@code weight}, init 1, shape [dim]) is neither decayed nor prunable. Input of any rank ≥ 2 is
 * normalised as the 2-D view [rows, dim]; the work is a handful of whole-array ND4J ops into owned
 * buffers, since every op here is large enough for ND4J's per-call overhead not to matter.
 */
public final class RmsNorm implements Layer {

    /** mamba_ssm's default epsilon. */
    public static final double EPS = 1e-5;

    private final int dim;
    private final DataType type;
    private final Parameter weight;

    private long[] inputShape;
    private INDArray rstd;
    private INDArray xhat;
    private INDArray output;
    private INDArray tmp;
    private INDArray rowMean;
    private INDArray gradInput;

    public RmsNorm(int dim, DataType type) {
        if (dim <= 0) {
            throw new IllegalArgumentException("RmsNorm needs a positive size, got " + dim);
        }
        this.dim = dim;
        this.type = type;
        this.weight = new Parameter("weight", Nd4j.ones(type, dim), false, false);
    }

    public Parameter weight() {
        return weight;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        inputShape = x.shape();
        if (inputShape[inputShape.length - 1] != dim) {
            throw new IllegalArgumentException("RmsNorm(" + dim + ") got shape " + java.util.Arrays.toString(inputShape));
        }
        long rows = x.length() / dim;
        INDArray x2 = x.reshape('c', rows, dim);
        rstd = Buffers.ensure(rstd, type, rows);
        xhat = Buffers.ensure(xhat, type, rows, dim);
        tmp = Buffers.ensure(tmp, type, rows, dim);
        output = Buffers.ensure(output, type, inputShape);
        x2.mul(x2, tmp).mean(rstd, 1);
        rstd.addi(EPS);
        Transforms.pow(rstd, -0.5, false);
        xhat.assign(x2).muliColumnVector(rstd);
        output.reshape('c', rows, dim).assign(xhat).muliRowVector(weight.value());
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long rows = xhat.size(0);
        INDArray g = gradOutput.reshape('c', rows, dim);
        rowMean = Buffers.ensure(rowMean, type, rows);
        gradInput = Buffers.ensure(gradInput, type, inputShape);
        g.mul(xhat, tmp).sum(weight.grad(), 0);
        // with ĝ = g ⊙ w: dx = rstd · (ĝ − x̂ · mean(ĝ ⊙ x̂)), per row
        INDArray gw = gradInput.reshape('c', rows, dim);
        gw.assign(g).muliRowVector(weight.value());
        gw.mul(xhat, tmp).mean(rowMean, 1);
        tmp.assign(xhat).muliColumnVector(rowMean);
        gw.subi(tmp).muliColumnVector(rstd);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }
}
