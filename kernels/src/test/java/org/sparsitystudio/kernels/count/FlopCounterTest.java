package org.sparsitystudio.kernels.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TransformerBlock;
import org.sparsitystudio.kernels.sparsity.RandomMask;

class FlopCounterTest {

    @Test
    void referenceMlpCountsByHand() {
        Sequential mlp = Mlp.of(784, new int[] {300, 100}, 10, DataType.FLOAT, 1);
        ModelCost cost = FlopCounter.count(mlp, Nd4j.zeros(DataType.FLOAT, 4, 784));
        assertEquals(266_610, cost.parameters());
        assertEquals(List.of("0", "2", "4"), cost.layers().stream().map(LayerCost::name).toList());
        assertEquals(2.0 * 266_200 + 410, cost.forwardFlops(), 0.0);
        assertEquals(cost.forwardFlops(), cost.effectiveForwardFlops(), 0.0);
        assertEquals(3 * cost.forwardFlops(), cost.trainingFlops(), 0.0);
    }

    @Test
    void maskedWeightsCountOnlyWhereKept() {
        Sequential mlp = Mlp.of(784, new int[] {300, 100}, 10, DataType.FLOAT, 1);
        long kept = 0;
        long seed = 0;
        for (Linear layer : Mlp.linearLayers(mlp)) {
            var w = layer.weight().value();
            var mask = RandomMask.create(0.1, seed++, DataType.FLOAT, w.shape());
            kept += mask.sumNumber().longValue();
            layer.setMask(mask, PrunedWeightRule.DROP);
        }
        ModelCost cost = FlopCounter.count(mlp, Nd4j.zeros(DataType.FLOAT, 2, 784));
        assertEquals(Math.round(0.1 * 235_200) + Math.round(0.1 * 30_000) + Math.round(0.1 * 1_000), kept);
        assertEquals(2.0 * kept + 410, cost.effectiveForwardFlops(), 0.0);
        assertEquals(2.0 * 266_200 + 410, cost.forwardFlops(), 0.0);
        assertEquals(kept + 410, cost.nonzeroParameters(), 5, "biases are drawn nonzero");
        assertEquals(0.1, cost.layers().get(0).nonzero() / 235_300.0, 0.002);
    }

    @Test
    void transformerBlockCountsProjectionsMlpAndAttention() {
        int d = 8;
        int t = 5;
        TransformerBlock block = new TransformerBlock(d, 2, 16, TransformerBlock.Activation.GELU, false, DataType.DOUBLE,
                new SplittableRandom(1));
        ModelCost cost = FlopCounter.count(block, Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1, 3, t, d));
        double qkv = t * (2.0 * d * 3 * d + 3 * d);
        double proj = t * (2.0 * d * d + d);
        double attention = 4.0 * t * t * d;
        double mlp = t * (2.0 * d * 16 + 16) + t * (2.0 * 16 * d + d);
        assertEquals(qkv + proj + attention + mlp, cost.forwardFlops(), 1e-9);
        long params = (3L * d * d + 3 * d) + (d * d + d) + (2L * d * 16 + 16 + d) + 4L * d;
        assertEquals(params, cost.parameters());
    }
}
