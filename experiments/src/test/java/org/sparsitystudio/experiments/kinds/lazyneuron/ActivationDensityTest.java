package org.sparsitystudio.experiments.kinds.lazyneuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.ActivationProbe;

class ActivationDensityTest {

    /** A probe that hands out fixed activations. */
    private static final class Fixed implements ActivationProbe {
        INDArray value;

        Fixed(INDArray value) {
            this.value = value;
        }

        @Override
        public INDArray lastActivation() {
            return value;
        }
    }

    // batch 2, 3 tokens (a class token and two patches), 4 units
    private static final INDArray LAYER_A = Nd4j.createFromArray(new float[][][] {
        {{0, 1, 0, 0}, {2, 3, 0, 0}, {0, 0, 0, 0}},
        {{1, 1, 1, 1}, {0, 0, 0, 0.5f}, {0, 0.1f, 0, 0}}});
    // per token: 1/4, 2/4, 0, 4/4, 1/4, 1/4 → mean 9/24

    @Test
    void densityIsTheMeanPerTokenShareOfNonzeros() {
        assertEquals(9.0 / 24, ActivationDensity.density(LAYER_A, 0), 1e-12);
        // above 0.5: 1 + 2 + 0 + 4 + 0 + 0 entries; the 0.5 itself is not strictly above
        assertEquals(7.0 / 24, ActivationDensity.density(LAYER_A, 0.5), 1e-12);
    }

    @Test
    void negativeValuesCountOnlyBelowANegativeThreshold() {
        INDArray gelu = Nd4j.createFromArray(new float[][] {{-0.1f, -0.17f, 0.3f, 2f}});
        assertEquals(0.5, ActivationDensity.density(gelu, 0), 1e-12);
        assertEquals(0.75, ActivationDensity.density(gelu, -0.15), 1e-12);
    }

    @Test
    void meterAveragesPerLayerOverChunksAndGivesFiringRates() {
        Fixed a = new Fixed(LAYER_A);
        Fixed b = new Fixed(Nd4j.ones(2, 3, 2));
        ActivationDensity.Meter meter = new ActivationDensity.Meter(List.of(a, b), 0);
        meter.accumulate();
        // a second chunk of one image: layer A's first token all active, the rest silent; layer B silent
        a.value = Nd4j.createFromArray(new float[][][] {{{1, 1, 1, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}}});
        b.value = Nd4j.zeros(1, 3, 2);
        meter.accumulate();
        ActivationDensity.Measurement m = meter.result();
        assertEquals(9, m.tokens());
        assertEquals(13.0 / 36, m.perLayer()[0], 1e-12);
        assertEquals(6.0 / 9, m.perLayer()[1], 1e-12);
        assertEquals((13.0 / 36 + 6.0 / 9) / 2, m.mean(), 1e-12);
        // unit 0 of layer A fires on tokens (0,1), (1,0) and the second chunk's first token
        assertArrayEquals(new double[] {3.0 / 9, 5.0 / 9, 2.0 / 9, 3.0 / 9}, m.firingRates()[0], 1e-12);
        assertEquals(4, m.maxActivePerToken());
        assertEquals(0.0, m.deadShare());
    }

    @Test
    void meterRejectsModelsWithoutProbes() {
        assertThrows(IllegalArgumentException.class, () -> new ActivationDensity.Meter(List.of(), 0));
        ActivationDensity.Meter meter = new ActivationDensity.Meter(List.of(new Fixed(null)), 0);
        assertThrows(IllegalStateException.class, meter::accumulate);
    }
}
