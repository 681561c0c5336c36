package org.sparsitystudio.kernels.count;

import java.util.List;

/**
 * A model's parameters and FLOPs, per layer and in total, per sample.
 *
 * @param layers one row per layer with parameters or counted FLOPs
 */
public record ModelCost(List<LayerCost> layers) {

    public ModelCost {
        layers = List.copyOf(layers);
    }

    public long parameters() {
        return layers.stream().mapToLong(LayerCost::parameters).sum();
    }

    public long nonzeroParameters() {
        return layers.stream().mapToLong(LayerCost::nonzero).sum();
    }

    /** Dense forward FLOPs per sample. */
    public double forwardFlops() {
        return layers.stream().mapToDouble(LayerCost::forwardFlops).sum();
    }

    /** Forward FLOPs per sample skipping masked weights. */
    public double effectiveForwardFlops() {
        return layers.stream().mapToDouble(LayerCost::effectiveFlops).sum();
    }

    /** Dense training FLOPs per sample: forward plus a backward of twice the forward. */
    public double trainingFlops() {
        return 3 * forwardFlops();
    }

    /** Training FLOPs per sample skipping masked weights. */
    public double effectiveTrainingFlops() {
        return 3 * effectiveForwardFlops();
    }
}
