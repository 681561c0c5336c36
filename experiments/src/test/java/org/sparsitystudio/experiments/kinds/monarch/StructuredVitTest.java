package org.sparsitystudio.experiments.kinds.monarch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.kinds.nm.NmSparseTrial;
import org.sparsitystudio.kernels.monarch.MonarchLinear;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.VisionTransformer;

class StructuredVitTest {

    private static MonarchConfig config(LayerChoice layer, MonarchConfig.Where where) {
        return new MonarchConfig(layer, 8, 1024, 2, MonarchConfig.Scope.SQUARE, MonarchConfig.Mode.FROM_SCRATCH, 1, 0,
                32, "adam", 1e-3, 5, MonarchConfig.Architecture.VIT, where);
    }

    @Test
    void denseIsTheViTOfTheNmStudyWithTheSameSeed() {
        Sequential ours = StructuredVit.build(config(LayerChoice.DENSE, MonarchConfig.Where.BOTH)).model();
        Sequential reference = VisionTransformer.of(NmSparseTrial.vit(), DataType.FLOAT, 5);
        assertEquals(reference.parameters().stream().map(Parameter::name).toList(),
                ours.parameters().stream().map(Parameter::name).toList());
        for (int i = 0; i < ours.parameters().size(); i++) {
            assertEquals(reference.parameters().get(i).value(), ours.parameters().get(i).value());
        }
    }

    @Test
    void everyChoiceSpendsTheMonarchBudgetInEveryProjection() {
        long monarch = StructuredVit.build(config(LayerChoice.MONARCH, MonarchConfig.Where.BOTH)).structuredParameters();
        long perBlock = 0;
        for (String role : StructuredVit.roles(MonarchConfig.Where.BOTH)) {
            int[] size = StructuredVit.size(role);
            perBlock += MonarchLinear.parameterCount(size[0], size[1], 8);
        }
        assertEquals(2 * perBlock, monarch);
        StructuredVit sparse = StructuredVit.build(config(LayerChoice.RANDOM_SPARSE, MonarchConfig.Where.BOTH));
        assertEquals(monarch, sparse.structuredParameters());
        assertInstanceOf(Linear.class, sparse.replacedLayers().get("blocks.1.attn.qkv"));
        assertEquals(List.of("blocks.0.attn.qkv", "blocks.0.attn.proj", "blocks.0.mlp.fc1", "blocks.0.mlp.fc2",
                "blocks.1.attn.qkv", "blocks.1.attn.proj", "blocks.1.mlp.fc1", "blocks.1.mlp.fc2"),
                List.copyOf(sparse.replacedLayers().keySet()));
    }

    @Test
    void lowRankAttentionTrainsThroughTokens() {
        StructuredVit lowRank = StructuredVit.build(config(LayerChoice.LOW_RANK, MonarchConfig.Where.ATTENTION));
        long expected = 0;
        for (String role : StructuredVit.roles(MonarchConfig.Where.ATTENTION)) {
            int[] size = StructuredVit.size(role);
            expected += 2L * StructuredMlp.lowRank(size[0], size[1], 8) * (size[0] + size[1]);
        }
        assertEquals(expected, lowRank.structuredParameters());
        Sequential model = lowRank.model();
        INDArray logits = model.forward(Nd4j.rand(DataType.FLOAT, 3, 784), true);
        assertArrayEquals(new long[] {3, 10}, logits.shape());
        model.backward(Nd4j.onesLike(logits));
        Parameter first = model.parameters().stream().filter(p -> p.name().equals("blocks.0.attn.qkv.0.weight"))
                .findFirst().orElseThrow();
        assertEquals(true, first.grad().amaxNumber().doubleValue() > 0, "the bottleneck's first factor learns");
    }
}
