package org.sparsitystudio.experiments.kinds.randompruning;

import java.util.List;

/**
 * What a trial gave.
 *
 * @param finalTestAccuracy test accuracy after the last epoch
 * @param bestTestAccuracy  best test accuracy after any epoch
 * @param parameters        all trainable parameters
 * @param nonzeroParameters parameters not pruned
 * @param effectiveFlops    forward FLOPs per sample skipping pruned weights
 * @param denseFlops        forward FLOPs per sample of the dense network
 * @param layerDensities    density of each prunable layer, input side first
 */
public record TrialResult(double finalTestAccuracy, double bestTestAccuracy, long parameters, long nonzeroParameters,
        double effectiveFlops, double denseFlops, List<Double> layerDensities) {
}
