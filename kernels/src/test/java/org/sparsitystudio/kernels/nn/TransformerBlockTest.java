package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TransformerBlockTest {

    @Test
    void parametersCarryTimmNames() {
        TransformerBlock block = new TransformerBlock(4, 2, 8, TransformerBlock.Activation.GELU, false, DataType.DOUBLE,
                new SplittableRandom(1));
        assertEquals(List.of("norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight",
                "attn.proj.bias", "norm2.weight", "norm2.bias", "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight",
                "mlp.fc2.bias"), block.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void forwardIsPreNormResidualComposition() {
        long seed = 2;
        TransformerBlock block = new TransformerBlock(6, 3, 12, TransformerBlock.Activation.RELU, false, DataType.DOUBLE,
                new SplittableRandom(seed));
        // the same layers built separately from the same random stream, applied by the formula
        SplittableRandom rng = new SplittableRandom(seed);
        LayerNorm norm1 = new LayerNorm(6, DataType.DOUBLE);
        MultiHeadSelfAttention attn = new MultiHeadSelfAttention(6, 3, false, DataType.DOUBLE, rng);
        LayerNorm norm2 = new LayerNorm(6, DataType.DOUBLE);
        Linear fc1 = new Linear(6, 12, true, DataType.DOUBLE, rng);
        Linear fc2 = new Linear(12, 6, true, DataType.DOUBLE, rng);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 2, 4, 6);
        INDArray x1 = x.add(attn.forward(norm1.forward(x, false), false));
        INDArray hidden = fc1.forward(norm2.forward(x1, false), false).dup();
        hidden.assign(hidden.mul(hidden.gt(0).castTo(DataType.DOUBLE)));
        INDArray expected = x1.add(fc2.forward(hidden, false));
        assertTrue(expected.equalsWithEps(block.forward(x, false), 1e-12));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (TransformerBlock.Activation act : TransformerBlock.Activation.values()) {
            TransformerBlock block = new TransformerBlock(4, 2, 8, act, act == TransformerBlock.Activation.RELU,
                    DataType.DOUBLE, new SplittableRandom(4));
            randomiseNorms(block);
            INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 2, 3, 4);
            List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(block, x, true, 6);
            assertTrue(bad.isEmpty(), () -> act + " mismatches: " + bad);
        }
    }

    /** Gains of 1 and biases of 0 would hide errors in their gradients' use. */
    static void randomiseNorms(Layer model) {
        SplittableRandom rng = new SplittableRandom(99);
        for (Parameter p : model.parameters()) {
            if (p.name().contains("norm")) {
                p.value().addi(Init.normal(p.value().dataType(), rng, 0.3, p.value().shape()));
            }
        }
    }
}
