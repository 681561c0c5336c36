package org.sparsitystudio.experiments.kinds.monarch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsitystudio.kernels.monarch.MonarchFactors;

/**
 * What one run of the Monarch study gave.
 *
 * @param finalTestAccuracy       test accuracy at the end (after fine-tuning in project mode)
 * @param parameters              nonzero parameters of the whole model, biases included
 * @param structuredParameters    weights held by the replaced layers (the matched quantity)
 * @param effectiveFlops          forward FLOPs per sample, skipping masked weights
 * @param denseAccuracy           project mode: the dense model's accuracy before projection; NaN otherwise
 * @param accuracyBeforeFineTune  project mode: accuracy right after the projection; NaN otherwise
 * @param projectionErrors        project mode: ‖W − W̃‖/‖W‖ by replaced layer number; empty otherwise
 * @param monarchFactors          the final factors of every Monarch layer (copies), input side first,
 *                                by the name its pictures get: {@code layer2} in the MLP,
 *                                {@code blocks.0.mlp.fc1} in the ViT; empty when the replaced layers
 *                                are not Monarch
 */
public record MonarchTrialResult(double finalTestAccuracy, long parameters, long structuredParameters,
        double effectiveFlops, double denseAccuracy, double accuracyBeforeFineTune,
        Map<Integer, Double> projectionErrors, Map<String, MonarchFactors> monarchFactors) {

    /** Copies the maps, keeping the order of the factors. */
    public MonarchTrialResult {
        projectionErrors = Map.copyOf(projectionErrors);
        // kept in order: the pictures are shown in it
        monarchFactors = Collections.unmodifiableMap(new LinkedHashMap<>(monarchFactors));
    }

    /** The mean projection error over the replaced layers, NaN when nothing was projected. */
    public double meanProjectionError() {
        return projectionErrors.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
