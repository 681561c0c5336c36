package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A non-linearity whose most recent output can be read back, so that studies of activation
 * sparsity (the lazy-neuron phenomenon) can measure what the network computed without a second,
 * instrumented model and without changing a single value of the forward or backward pass.
 */
public interface ActivationProbe {

    /**
     * The post-activation values of the most recent forward call, shaped as that call's input
     * (tokens along all but the last dimension, units along the last); {@code null} before the
     * first call. Owned by the layer and overwritten by its next forward call: copy it or reduce it
     * before running the model again.
     */
    INDArray lastActivation();

    /**
     * Every probe in {@code model}, in forward order (depth first through {@link Layer#children()}):
     * for a ViT one per transformer block's MLP, for an MLP one per hidden layer. A probe's own
     * children are not searched, so composite probes are counted once.
     */
    static List<ActivationProbe> find(Layer model) {
        List<ActivationProbe> found = new ArrayList<>();
        collect(model, found);
        return found;
    }

    private static void collect(Layer layer, List<ActivationProbe> into) {
        if (layer instanceof ActivationProbe probe) {
            into.add(probe);
            return;
        }
        for (Layer child : layer.children()) {
            collect(child, into);
        }
    }
}
