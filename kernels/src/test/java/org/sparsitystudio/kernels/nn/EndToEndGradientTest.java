package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whole models assembled from the layers pass the gradient check end to end. */
class EndToEndGradientTest {

    @Test
    void tinyVisionTransformer() {
        VisionTransformer.Config config = new VisionTransformer.Config(1, 8, 8, 4, 8, 1, 2, 16, 3,
                TransformerBlock.Activation.GELU);
        Sequential vit = VisionTransformer.of(config, DataType.DOUBLE, 1);
        TransformerBlockTest.randomiseNorms(vit);
        assertEquals(List.of("patch_embed.proj.weight", "patch_embed.proj.bias", "cls_token", "pos_embed",
                "blocks.0.norm1.weight"),
                vit.parameters().stream().map(Parameter::name).limit(5).toList());
        INDArray images = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 64);
        assertArrayEquals(new long[] {2, 3}, vit.forward(images, false).shape());
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(vit, images, true, 3);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void tinyConvolutionalNetwork() {
        SplittableRandom rng = new SplittableRandom(4);
        Sequential cnn = new Sequential(
                new Reshape(1, 6, 6),
                new Conv2d(1, 3, 3, 1, 1, true, DataType.DOUBLE, rng),
                new Relu(),
                new Conv2d(3, 4, 3, 2, 1, true, DataType.DOUBLE, rng),
                new Flatten(),
                new Linear(4 * 3 * 3, 5, true, DataType.DOUBLE, rng));
        assertEquals(List.of("1.weight", "1.bias", "3.weight", "3.bias", "5.weight", "5.bias"),
                cnn.parameters().stream().map(Parameter::name).toList());
        INDArray images = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 2, 36);
        assertArrayEquals(new long[] {2, 5}, cnn.forward(images, false).shape());
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(cnn, images, true, 6);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void floatModelsRunForwardAndBackwardAtChangingBatchSizes() {
        VisionTransformer.Config config = new VisionTransformer.Config(1, 8, 8, 4, 8, 2, 2, 16, 3,
                TransformerBlock.Activation.RELU);
        Sequential vit = VisionTransformer.of(config, DataType.FLOAT, 7);
        SplittableRandom rng = new SplittableRandom(8);
        Sequential cnn = new Sequential(new Reshape(1, 8, 8), new Conv2d(1, 2, 3, 1, 1, true, DataType.FLOAT, rng),
                new Relu(), new Dropout(0.1, 3), new Conv2d(2, 2, 3, 2, 0, true, DataType.FLOAT, rng), new Flatten(),
                new Linear(2 * 3 * 3, 3, true, DataType.FLOAT, rng));
        for (Sequential model : List.of(vit, cnn)) {
            for (int batch : new int[] {2, 5, 2}) {
                INDArray images = Init.normal(DataType.FLOAT, new SplittableRandom(batch), 1.0, batch, 64);
                INDArray logits = model.forward(images, true);
                assertEquals(DataType.FLOAT, logits.dataType());
                assertArrayEquals(new long[] {batch, 3}, logits.shape());
                INDArray dx = model.backward(logits.dup());
                assertArrayEquals(images.shape(), dx.shape());
                assertTrue(Double.isFinite(dx.sumNumber().doubleValue()));
                for (Parameter p : model.parameters()) {
                    assertEquals(DataType.FLOAT, p.grad().dataType());
                    assertTrue(Double.isFinite(p.grad().sumNumber().doubleValue()), p.name());
                }
            }
        }
    }
}
