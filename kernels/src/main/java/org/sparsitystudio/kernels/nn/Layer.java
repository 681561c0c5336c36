package org.sparsitystudio.kernels.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable building block with an explicit backward pass.
 *
 * <p>Contract: {@link #forward} returns an array owned by the layer that stays valid until the
 * layer's next forward call; callers must not write into it. {@link #backward} takes the loss
 * gradient with respect to the output of the most recent forward call, <em>overwrites</em> the
 * gradients of this layer's parameters (no accumulation across calls) and returns the gradient
 * with respect to that forward call's input, also owned by the layer.
 */
public interface Layer {

    /**
     * Computes the output for {@code input}.
     *
     * @param input    activations, batch in the first dimension
     * @param training true while training (dropout active, caches kept for backward)
     * @return the output, owned by this layer
     */
    INDArray forward(INDArray input, boolean training);

    /**
     * Back-propagates through the most recent forward call.
     *
     * @param gradOutput dL/d(output) with the shape of the last output
     * @return dL/d(input), owned by this layer
     */
    INDArray backward(INDArray gradOutput);

    /**
     * Tells the layer whether callers need dL/d(input). The first layer of a network does not:
     * skipping its input gradient saves the largest product of the backward pass. When not
     * required, {@link #backward} may return {@code null}. Required by default.
     */
    default void setInputGradientRequired(boolean required) {
    }

    /** The layers this one is built from, for walking a model (counting, masking); empty for leaves. */
    default List<Layer> children() {
        return List.of();
    }

    /** The trainable parameters, in a stable order; empty for parameter-free layers. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
