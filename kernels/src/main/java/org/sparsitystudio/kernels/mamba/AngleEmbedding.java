package org.sparsitystudio.kernels.mamba;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Buffers;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * RoMA's angle embedding in the studio's form: a token of a rotated region gets
 * {@code W (sin θ, cos θ)ᵀ + b}, every other token gets exactly 0. The embedding of θ = 0 is
 * therefore not zero ({@code W (0, 1)ᵀ + b}): "rotated by 0" and "not rotated" stay
 * distinguishable, as they are in the paper where only crops carry an angle at all.
 *
 * <p>Not a {@link org.sparsitystudio.kernels.nn.Layer}: its input is side information (an angle
 * per image and which tokens it applies to), not the activations flowing through the network, so
 * it has no input gradient. Parameters {@code weight} [dim, 2] and {@code bias} [dim], both
 * uniform ±1/√2 like a PyTorch {@code nn.Linear(2, dim)}; the weight is decayed, the bias not.
 */
public final class AngleEmbedding {

    private final int dim;
    private final DataType type;
    private final Parameter weight;
    private final Parameter bias;

    private INDArray features;
    private INDArray mask;
    private INDArray output;

    /** An embedding of width {@code dim}, drawn from {@code rng}. */
    public AngleEmbedding(int dim, DataType type, SplittableRandom rng) {
        if (dim <= 0) {
            throw new IllegalArgumentException("AngleEmbedding needs a positive width, got " + dim);
        }
        this.dim = dim;
        this.type = type;
        double bound = 1 / Math.sqrt(2);
        this.weight = new Parameter("weight", Init.uniform(type, rng, bound, dim, 2), true, false);
        this.bias = new Parameter("bias", Init.uniform(type, rng, bound, dim), false, false);
    }

    /** The projection of (sin θ, cos θ), [dim, 2]. */
    public Parameter weight() {
        return weight;
    }

    /** The term every rotated token gets whatever θ, [dim]. */
    public Parameter bias() {
        return bias;
    }

    /**
     * The embeddings [batch, T, dim] of a batch.
     *
     * @param angles  θ per image in radians, {@code batch} of them
     * @param rotated {@code rotated[b][t]}: whether token t of image b lies in the rotated region
     * @return an array owned by this embedding, valid until the next call
     */
    public INDArray forward(double[] angles, boolean[][] rotated) {
        int b = angles.length;
        if (rotated.length != b) {
            throw new IllegalArgumentException(b + " angles but " + rotated.length + " token masks");
        }
        int t = b == 0 ? 0 : rotated[0].length;
        double[] f = new double[b * t * 2];
        double[] m = new double[b * t];
        for (int i = 0; i < b; i++) {
            if (rotated[i].length != t) {
                throw new IllegalArgumentException("token masks of different lengths: " + t + " and " + rotated[i].length);
            }
            double sin = Math.sin(angles[i]);
            double cos = Math.cos(angles[i]);
            for (int k = 0; k < t; k++) {
                if (rotated[i][k]) {
                    int row = i * t + k;
                    f[2 * row] = sin;
                    f[2 * row + 1] = cos;
                    m[row] = 1;
                }
            }
        }
        features = Nd4j.create(f, new long[] {(long) b * t, 2}, 'c').castTo(type);
        mask = Nd4j.create(m, new long[] {(long) b * t, 1}, 'c').castTo(type);
        output = Buffers.ensure(output, type, b, t, dim);
        INDArray out2 = output.reshape('c', (long) b * t, dim);
        // f Wᵀ, then m ⊗ b: the bias only where a token is rotated, so the rest stays exactly 0
        Nd4j.gemm(features, weight.value(), out2, false, true, 1.0, 0.0);
        Nd4j.gemm(mask, bias.value().reshape(1, dim), out2, false, false, 1.0, 1.0);
        return output;
    }

    /** Overwrites the parameter gradients from dL/d(output) of the most recent {@link #forward}. */
    public void backward(INDArray gradOutput) {
        INDArray g = gradOutput.reshape('c', features.size(0), dim);
        weight.grad().assign(g.transpose().mmul(features));
        bias.grad().assign(mask.transpose().mmul(g).reshape(dim));
    }

    /** {@code weight} and {@code bias}. */
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
