package org.sparsitystudio.experiments.kinds.essential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.pretraining.PretrainConfig;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.VisionTransformer;

/** Exact counts and the difference between global and layer-wise pruning, on models with random weights. */
class OneShotPrunerTest {

    private static Sequential mlp() {
        // layers of 784·30, 30·20 and 20·10 weights: sizes far apart, so global and layer-wise differ
        Sequential model = Mlp.of(784, new int[] {30, 20}, 10, DataType.FLOAT, 3);
        // give the layers different scales, as training does, so that global pruning favours one
        Mlp.linearLayers(model).get(0).weight().value().muli(0.1);
        return model;
    }

    private static long zeros(INDArray a) {
        return a.length() - a.neq(0).castTo(DataType.INT64).sumNumber().longValue();
    }

    @Test
    void everyLevelPrunesExactlyTheRequestedCount() {
        Sequential model = mlp();
        LinkedHashMap<String, Linear> layers = WeightSelection.ALL.select(model, false);
        long total = 784 * 30 + 30 * 20 + 20 * 10;
        for (PruningScope scope : PruningScope.values()) {
            OneShotPruner pruner = new OneShotPruner(model, layers, scope);
            assertEquals(total, pruner.prunableWeights());
            for (double s : EssentialSparsityKind.DEFAULT_GRID) {
                List<INDArray> masks = pruner.apply(s);
                if (scope == PruningScope.GLOBAL) {
                    assertEquals(Math.round(s * total), OneShotPruner.prunedCount(masks), "global at " + s);
                } else {
                    int i = 0;
                    for (Linear layer : layers.values()) {
                        long n = layer.weight().value().length();
                        assertEquals(Math.round(s * n), OneShotPruner.prunedCount(List.of(masks.get(i++))),
                                "layer " + i + " at " + s);
                    }
                }
                long zeroWeights = layers.values().stream().mapToLong(l -> zeros(l.weight().value())).sum();
                assertEquals(OneShotPruner.prunedCount(masks), zeroWeights, "the weights are zero where pruned, at " + s);
            }
            pruner.restore();
            assertEquals(0, layers.values().stream().mapToLong(l -> zeros(l.weight().value())).sum());
        }
    }

    @Test
    void globalPruningUsesOneThresholdAndLayerWiseOnePerLayer() {
        Sequential model = mlp();
        LinkedHashMap<String, Linear> layers = WeightSelection.ALL.select(model, false);
        OneShotPruner global = new OneShotPruner(model, layers, PruningScope.GLOBAL);
        OneShotPruner layerWise = new OneShotPruner(model, layers, PruningScope.LAYERWISE);
        List<INDArray> g = global.masks(0.5);
        List<INDArray> l = layerWise.masks(0.5);
        // global: every kept |w| is at least every pruned |w|, across layers
        double largestPruned = 0;
        double smallestKept = Double.MAX_VALUE;
        List<Linear> list = new ArrayList<>(layers.values());
        for (int i = 0; i < list.size(); i++) {
            double[] w = list.get(i).weight().value().dup().data().asDouble();
            double[] m = g.get(i).dup().data().asDouble();
            for (int k = 0; k < w.length; k++) {
                if (m[k] == 0) {
                    largestPruned = Math.max(largestPruned, Math.abs(w[k]));
                } else {
                    smallestKept = Math.min(smallestKept, Math.abs(w[k]));
                }
            }
        }
        assertTrue(largestPruned <= smallestKept, largestPruned + " > " + smallestKept);
        Map<String, Double> globalSparsity = global.layerSparsity(g);
        Map<String, Double> layerSparsity = layerWise.layerSparsity(l);
        layerSparsity.values().forEach(s -> assertEquals(0.5, s, 0));
        // the down-scaled first layer gives more than half, the larger-valued layers almost nothing
        assertTrue(globalSparsity.get("0") > 0.5 && globalSparsity.get("2") < 0.1 && globalSparsity.get("4") < 0.1,
                globalSparsity.toString());
    }

    @Test
    void selectionsFollowTheLayersRoles() {
        Sequential vit = VisionTransformer.of(PretrainConfig.smallVit(7, 16, 2, 2, 32), DataType.FLOAT, 1);
        assertEquals(List.of("blocks.0.attn.qkv", "blocks.0.attn.proj", "blocks.0.mlp.fc1", "blocks.0.mlp.fc2",
                "blocks.1.attn.qkv", "blocks.1.attn.proj", "blocks.1.mlp.fc1", "blocks.1.mlp.fc2"),
                List.copyOf(WeightSelection.ALL.select(vit, true).keySet()));
        assertEquals(List.of("patch_embed.proj", "blocks.0.attn.qkv", "blocks.0.attn.proj", "blocks.1.attn.qkv",
                "blocks.1.attn.proj", "head"), List.copyOf(WeightSelection.ATTENTION.select(vit, false).keySet()));
        assertEquals(List.of("blocks.0.mlp.fc1", "blocks.0.mlp.fc2", "blocks.1.mlp.fc1", "blocks.1.mlp.fc2"),
                List.copyOf(WeightSelection.MLP.select(vit, true).keySet()));
        Sequential mlp = mlp();
        assertEquals(List.of("0", "2"), List.copyOf(WeightSelection.ALL.select(mlp, true).keySet()));
        assertEquals(List.of("0", "2", "4"), List.copyOf(WeightSelection.MLP.select(mlp, false).keySet()));
        assertThrows(IllegalArgumentException.class, () -> WeightSelection.ATTENTION.select(mlp, false));
    }
}
