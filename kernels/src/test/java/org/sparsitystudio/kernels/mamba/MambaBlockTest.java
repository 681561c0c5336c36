package org.sparsitystudio.kernels.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Parameter;

class MambaBlockTest {

    private static MambaBlock small(long seed) {
        return new MambaBlock(new MambaMixer(4, 3, DataType.DOUBLE, new SplittableRandom(seed), SelectiveScan.fast()),
                DataType.DOUBLE);
    }

    @Test
    void parameterNamesFollowMambaSsmBlocks() {
        MambaBlock block = new MambaBlock(16, DataType.FLOAT, new SplittableRandom(1));
        assertEquals(List.of("norm.weight", "mixer.in_proj.weight", "mixer.conv1d.weight", "mixer.conv1d.bias",
                "mixer.x_proj.weight", "mixer.dt_proj.weight", "mixer.dt_proj.bias", "mixer.A_log", "mixer.D",
                "mixer.out_proj.weight"), block.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void isTheNormalisedMixerAddedToTheInput() {
        MambaBlock block = small(2);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 2, 5, 4);
        INDArray y = block.forward(x, false).dup();
        INDArray expected = x.add(block.mixer().forward(block.norm().forward(x, false), false));
        assertTrue(expected.equalsWithEps(y, 1e-14));
        // a zero output projection leaves only the residual path
        block.mixer().outProj().weight().value().assign(0);
        assertEquals(x, block.forward(x, false));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MambaBlock block = small(4);
        block.norm().weight().value().assign(Init.uniform(DataType.DOUBLE, new SplittableRandom(5), 0.5, 4).addi(1));
        // At mamba's initial Δ (0.001–0.1) the Δ-path gradients are ~1e-7, at the level of the
        // difference quotient's rounding noise on a loss that includes the residual; Δ near 1
        // makes them large enough to be checked.
        block.mixer().dtProj().bias().value().addi(1.0);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(6), 1.0, 2, 5, 4);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(block, x, true, 7);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void skippedInputGradientReturnsNullButTrainsTheNorm() {
        MambaBlock block = small(8);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(9), 1.0, 1, 3, 4);
        block.setInputGradientRequired(false);
        block.forward(x, true);
        assertNull(block.backward(Init.normal(DataType.DOUBLE, new SplittableRandom(10), 1.0, 1, 3, 4)));
        assertTrue(block.norm().weight().grad().amaxNumber().doubleValue() > 0);
    }
}
