package org.sparsitystudio.kernels.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces chosen tokens by a learned mask token, as masked-image modelling does (SimMIM, BEiT):
 * tokens [batch, T, dim] come out with every token whose entry in the current mask [batch, T] is 1
 * replaced by {@code mask_token} [1, 1, dim], the others unchanged. With no mask set the layer is
 * the identity, so a trained encoder runs through it unchanged at evaluation.
 *
 * <p>MAE proper drops the masked tokens from the encoder instead; replacing them costs the encoder
 * the compute of the masked tokens but keeps every tensor the same shape, which at 49 tokens is
 * the simpler choice. The token starts as normal(0, 0.02) draws like the other ViT tokens and is
 * neither decayed nor prunable.
 */
public final class MaskTokens implements Layer {

    private final int dim;
    private final DataType type;
    private final Parameter token;

    private INDArray mask;
    private INDArray expanded;
    private INDArray output;
    private INDArray gradInput;

    /** A mask token of width {@code dim}, drawn from {@code rng}. */
    public MaskTokens(int dim, DataType type, SplittableRandom rng) {
        this.dim = dim;
        this.type = type;
        this.token = new Parameter("mask_token", Init.normal(type, rng, 0.02, 1, 1, dim), false, false);
    }

    /**
     * Sets which tokens the next forward calls replace: 1 replaced, 0 kept, shape [batch, T]; or
     * {@code null} to replace none.
     */
    public void setMask(INDArray newMask) {
        if (newMask != null && newMask.rank() != 2) {
            throw new IllegalArgumentException("a token mask is [batch, tokens], got "
                    + java.util.Arrays.toString(newMask.shape()));
        }
        this.mask = newMask == null ? null : newMask.castTo(type);
    }

    /** The learned token [1, 1, dim]. */
    public Parameter token() {
        return token;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3 || x.size(2) != dim) {
            throw new IllegalArgumentException("expected [batch, tokens, " + dim + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (mask == null) {
            expanded = null;
            return x;
        }
        if (mask.size(0) != x.size(0) || mask.size(1) != x.size(1)) {
            throw new IllegalArgumentException("mask " + java.util.Arrays.toString(mask.shape()) + " does not fit tokens "
                    + java.util.Arrays.toString(x.shape()));
        }
        expanded = mask.reshape(x.size(0), x.size(1), 1).broadcast(x.shape());
        output = Buffers.ensure(output, type, x.shape());
        // x ⊙ (1 − m) + m ⊙ token, the token broadcast over batch and tokens
        output.assign(x).subi(x.mul(expanded));
        output.addi(expanded.mul(token.value().reshape(1, 1, dim).broadcast(x.shape())));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        if (expanded == null) {
            token.grad().assign(0);
            return gradOutput;
        }
        // each replaced position sends its whole gradient to the token and none to its input
        gradOutput.mul(expanded).sum(token.grad().reshape(dim), 0, 1);
        gradInput = Buffers.ensure(gradInput, type, gradOutput.shape());
        gradInput.assign(gradOutput).subi(gradOutput.mul(expanded));
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(token);
    }
}
