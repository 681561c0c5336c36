package org.sparsitystudio.kernels.count;

/**
 * One layer's share of a model's cost, per sample.
 *
 * @param name           the layer's parameter prefix, e.g. {@code 0} or {@code blocks.1.mlp.fc1}
 * @param kind           the layer's class name
 * @param parameters     trainable parameters
 * @param nonzero        parameters that are not masked to zero
 * @param forwardFlops   dense forward FLOPs per sample
 * @param effectiveFlops forward FLOPs per sample skipping masked weights
 */
public record LayerCost(String name, String kind, long parameters, long nonzero, double forwardFlops,
        double effectiveFlops) {

    /** Nonzero share of the parameters. */
    public double density() {
        return parameters == 0 ? 1.0 : (double) nonzero / parameters;
    }
}
