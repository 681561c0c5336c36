package org.sparsitystudio.kernels.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Learned positional embedding of a ViT, optionally with a class token: tokens [batch, T, dim]
 * become [batch, T', dim] with T' = T + 1 when a learned {@code cls_token} is prepended (T' = T
 * otherwise), and a learned {@code pos_embed} [1, T', dim] is added to every sample.
 *
 * <p>Names and shapes follow timm's {@code VisionTransformer}; both start as normal(0, 0.02)
 * draws (timm uses a truncated normal of that std) and are neither decayed nor prunable.
 */
public final class PositionalEmbedding implements Layer {

    private final int tokens;
    private final int dim;
    private final boolean withCls;
    private final DataType type;
    private final Parameter pos;
    private final Parameter cls;

    private INDArray output;
    private INDArray gradInput;

    /**
     * @param tokens  tokens per sample at the input (patches)
     * @param dim     token width
     * @param withCls whether to prepend a learned class token
     */
    public PositionalEmbedding(int tokens, int dim, boolean withCls, DataType type, SplittableRandom rng) {
        this.tokens = tokens;
        this.dim = dim;
        this.withCls = withCls;
        this.type = type;
        this.cls = withCls ? new Parameter("cls_token", Init.normal(type, rng, 0.02, 1, 1, dim), false, false) : null;
        this.pos = new Parameter("pos_embed", Init.normal(type, rng, 0.02, 1, outputTokens(), dim), false, false);
    }

    /** Tokens per sample at the output: one more than the input with a class token. */
    public int outputTokens() {
        return withCls ? tokens + 1 : tokens;
    }

    private INDArrayIndex[] patchTokens() {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(withCls ? 1 : 0, outputTokens()),
            NDArrayIndex.all()};
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3 || x.size(1) != tokens || x.size(2) != dim) {
            throw new IllegalArgumentException("expected [batch, " + tokens + ", " + dim + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        long b = x.size(0);
        output = Buffers.ensure(output, type, b, outputTokens(), dim);
        output.get(patchTokens()).assign(x);
        if (withCls) {
            output.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
                    .assign(0).addiRowVector(cls.value().reshape(dim));
        }
        // every sample gets the same [T'·dim] row added
        output.reshape('c', b, (long) outputTokens() * dim).addiRowVector(pos.value().reshape((long) outputTokens() * dim));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long b = gradOutput.size(0);
        INDArray g = gradOutput.reshape('c', b, (long) outputTokens() * dim);
        g.sum(pos.grad().reshape((long) outputTokens() * dim), 0);
        if (withCls) {
            gradOutput.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
                    .sum(cls.grad().reshape(dim), 0);
        }
        gradInput = Buffers.ensure(gradInput, type, b, tokens, dim);
        gradInput.assign(gradOutput.get(patchTokens()));
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return withCls ? List.of(cls, pos) : List.of(pos);
    }
}
