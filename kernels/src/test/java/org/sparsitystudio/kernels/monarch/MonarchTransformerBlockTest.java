package org.sparsitystudio.kernels.monarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.LinearFactory;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TransformerBlock;
import org.sparsitystudio.kernels.nn.VisionTransformer;

class MonarchTransformerBlockTest {

    private static LinearFactory monarchIn(List<String> roles, int blocks) {
        return (role, in, out, type, rng) -> roles.contains(role) ? new MonarchLinear(in, out, blocks, true, type, rng)
                : LinearFactory.DENSE.create(role, in, out, type, rng);
    }

    @Test
    void monarchMlpKeepsTimmPrefixesAndTheLinearAccessorsSayWhatTheyHold() {
        TransformerBlock block = new TransformerBlock(4, 2, 8, TransformerBlock.Activation.GELU, false, DataType.DOUBLE,
                new SplittableRandom(1), monarchIn(List.of(LinearFactory.FC1, LinearFactory.FC2), 2));
        assertEquals(List.of("norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight",
                "attn.proj.bias", "norm2.weight", "norm2.bias", "mlp.fc1.blkdiag1", "mlp.fc1.blkdiag2", "mlp.fc1.bias",
                "mlp.fc2.blkdiag1", "mlp.fc2.blkdiag2", "mlp.fc2.bias"),
                block.parameters().stream().map(Parameter::name).toList());
        assertInstanceOf(MonarchLinear.class, block.fc1Layer());
        assertInstanceOf(Linear.class, block.attention().qkvLayer());
        assertTrue(assertThrows(IllegalStateException.class, block::fc2).getMessage().contains("mlp.fc2"));
    }

    @Test
    void theDenseFactoryBuildsTheSameModelAsBefore() {
        VisionTransformer.Config c = new VisionTransformer.Config(1, 4, 4, 2, 4, 1, 2, 8, 3,
                TransformerBlock.Activation.GELU);
        Sequential plain = VisionTransformer.of(c, DataType.DOUBLE, 7);
        Sequential factory = VisionTransformer.of(c, org.sparsitystudio.kernels.nn.TokenPooling.Mode.CLS,
                DataType.DOUBLE, 7, LinearFactory.DENSE);
        assertEquals(plain.parameters().size(), factory.parameters().size());
        for (int i = 0; i < plain.parameters().size(); i++) {
            assertEquals(plain.parameters().get(i).name(), factory.parameters().get(i).name());
            assertEquals(plain.parameters().get(i).value(), factory.parameters().get(i).value());
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesWithMonarchProjections() {
        // fc1 4 → 6 and fc2 6 → 4 with 3 blocks exercise the padding of both sides
        List<List<String>> placements = List.of(List.of(LinearFactory.FC1, LinearFactory.FC2),
                List.of(LinearFactory.QKV, LinearFactory.PROJ, LinearFactory.FC1, LinearFactory.FC2));
        for (List<String> roles : placements) {
            TransformerBlock block = new TransformerBlock(4, 2, 6, TransformerBlock.Activation.GELU, false,
                    DataType.DOUBLE, new SplittableRandom(4), monarchIn(roles, 3));
            randomiseNorms(block);
            INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 2, 3, 4);
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(block, x, true, 6);
            assertTrue(bad.isEmpty(), () -> roles + " mismatches: " + bad);
        }
    }

    /** Gains of 1 and biases of 0 would hide errors in their gradients' use. */
    private static void randomiseNorms(Layer model) {
        SplittableRandom rng = new SplittableRandom(99);
        for (Parameter p : model.parameters()) {
            if (p.name().contains("norm")) {
                p.value().addi(Init.normal(p.value().dataType(), rng, 0.3, p.value().shape()));
            }
        }
    }
}
