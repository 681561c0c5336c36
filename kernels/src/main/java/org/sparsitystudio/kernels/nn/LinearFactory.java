package org.sparsitystudio.kernels.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Makes the projections of a {@link TransformerBlock} (and its {@link MultiHeadSelfAttention}), so
 * that a study can put structured layers (Monarch, masked, low rank) in place of the dense ones
 * without a second block implementation. Whatever it returns must map {@code in} features to
 * {@code out} on inputs [batch, tokens, in], as {@link Linear} does; its parameters are prefixed
 * with the role, so a dense factory keeps timm's names.
 */
@FunctionalInterface
public interface LinearFactory {

    /** The role of the fused query/key/value projection (dim → 3·dim). */
    String QKV = "attn.qkv";
    /** The role of the attention's output projection (dim → dim). */
    String PROJ = "attn.proj";
    /** The role of the MLP's first projection (dim → hidden). */
    String FC1 = "mlp.fc1";
    /** The role of the MLP's second projection (hidden → dim). */
    String FC2 = "mlp.fc2";

    /**
     * Biased {@link Linear} layers, the block as it has always been built: the same draws from
     * {@code rng} in the same order, so models and seeds stay reproducible.
     */
    LinearFactory DENSE = (role, in, out, type, rng) -> new Linear(in, out, true, type, rng);

    /**
     * A fresh layer for one projection. Called in the order the block draws its initial values
     * (qkv, proj, fc1, fc2), so a factory may draw from {@code rng} like a dense layer would.
     *
     * @param role one of {@link #QKV}, {@link #PROJ}, {@link #FC1}, {@link #FC2}
     * @param in   input features
     * @param out  output features
     * @param type data type of parameters and buffers
     * @param rng  the block's stream of initial values
     */
    Layer create(String role, int in, int out, DataType type, SplittableRandom rng);
}
