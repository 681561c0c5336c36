package org.sparsitystudio.experiments.kinds.essential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.sparsity.MagnitudePruning;

/**
 * One-shot magnitude pruning of a trained model at any sparsity, always from the same dense
 * weights: every parameter of the model is copied once, and each {@link #apply} starts by putting
 * the copies back, so levels of a sweep (and any fine-tuning between them) never build on each
 * other. Pruned weights are set to zero and kept there ({@link PrunedWeightRule#DROP}).
 */
public final class OneShotPruner {

    private final LinkedHashMap<String, Linear> layers;
    private final PruningScope scope;
    private final List<Parameter> parameters;
    private final List<INDArray> dense = new ArrayList<>();
    private final List<INDArray> denseWeights = new ArrayList<>();

    /**
     * @param model  the model, trained; its current values become the dense reference
     * @param layers the layers to prune, by name ({@link WeightSelection#select})
     */
    public OneShotPruner(Layer model, LinkedHashMap<String, Linear> layers, PruningScope scope) {
        this.layers = new LinkedHashMap<>(layers);
        this.scope = java.util.Objects.requireNonNull(scope, "scope");
        this.parameters = model.parameters();
        parameters.forEach(p -> dense.add(p.value().dup()));
        layers.values().forEach(l -> denseWeights.add(l.weight().value().dup()));
    }

    /** The pruned layers' names, in model order. */
    public List<String> layerNames() {
        return List.copyOf(layers.keySet());
    }

    /** Number of weights that may be pruned. */
    public long prunableWeights() {
        return denseWeights.stream().mapToLong(INDArray::length).sum();
    }

    /**
     * The masks (1 kept, 0 pruned) of the dense weights at sparsity {@code s}, one per layer in
     * model order; {@code round(s · n)} weights are pruned over all layers (global) or in each
     * layer of n weights (layer-wise), the smallest |w| first, ties by flat index.
     */
    public List<INDArray> masks(double sparsity) {
        return scope == PruningScope.GLOBAL ? MagnitudePruning.global(denseWeights, sparsity)
                : MagnitudePruning.layerWise(denseWeights, sparsity);
    }

    /** Restores the dense model, then prunes it to {@code sparsity}; returns the masks applied. */
    public List<INDArray> apply(double sparsity) {
        restore();
        List<INDArray> masks = masks(sparsity);
        int i = 0;
        for (Linear layer : layers.values()) {
            layer.setMask(masks.get(i++), PrunedWeightRule.DROP);
        }
        return masks;
    }

    /** Removes the masks and puts every parameter back to its dense value. */
    public void restore() {
        layers.values().forEach(l -> l.setMask(null, PrunedWeightRule.DROP));
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().assign(dense.get(i));
        }
    }

    /** The share of each layer's weights that {@code masks} prune, by layer name. */
    public Map<String, Double> layerSparsity(List<INDArray> masks) {
        Map<String, Double> out = new LinkedHashMap<>();
        int i = 0;
        for (String name : layers.keySet()) {
            INDArray mask = masks.get(i++);
            out.put(name, 1 - mask.sumNumber().doubleValue() / mask.length());
        }
        return out;
    }

    /** The number of weights {@code masks} prune. */
    public static long prunedCount(List<INDArray> masks) {
        long pruned = 0;
        for (INDArray mask : masks) {
            pruned += mask.length() - Math.round(mask.sumNumber().doubleValue());
        }
        return pruned;
    }
}
