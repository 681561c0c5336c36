package org.sparsitystudio.kernels.sparsity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparsityDistributionTest {

    private static final List<LayerShape> MLP = List.of(LayerShape.linear("0", 300, 784),
            LayerShape.linear("2", 100, 300), LayerShape.linear("4", 10, 100));

    private static double globalDensity(List<LayerShape> layers, double[] d) {
        double kept = 0;
        double total = 0;
        for (int l = 0; l < layers.size(); l++) {
            kept += d[l] * layers.get(l).count();
            total += layers.get(l).count();
        }
        return kept / total;
    }

    @Test
    void uniformGivesEveryLayerTheTarget() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, SparsityDistribution.UNIFORM.densities(MLP, 0.1, false), 1e-12);
    }

    @Test
    void erkHitsTheGlobalTargetExactlyAndCapsAtOne() {
        for (double target : new double[] {0.5, 0.2, 0.1, 0.05, 0.02}) {
            double[] d = SparsityDistribution.ERK.densities(MLP, target, false);
            assertEquals(target, globalDensity(MLP, d), 1e-9, "target " + target);
            for (double dl : d) {
                assertTrue(dl > 0 && dl <= 1, "density " + dl);
            }
            long kept = 0;
            for (int l = 0; l < MLP.size(); l++) {
                kept += Math.round(d[l] * MLP.get(l).count());
            }
            assertEquals(target, kept / 266_200.0, 0.001 * target, "after rounding to whole weights");
        }
    }

    @Test
    void erkMakesSmallLayersDenseFirst() {
        double[] half = SparsityDistribution.ERK.densities(MLP, 0.5, false);
        assertArrayEquals(new double[] {(0.5 * 266_200 - 30_000 - 1_000) / 235_200, 1.0, 1.0}, half, 1e-12);
        double[] d = SparsityDistribution.ERK.densities(MLP, 0.1, false);
        assertEquals(1.0, d[2], 0.0);
        // the other two follow ε·r_l with r_l = (in + out)/(in·out)
        double ratio0 = (784.0 + 300) / (784 * 300);
        double ratio1 = (300.0 + 100) / (300 * 100);
        assertEquals(ratio0 / ratio1, d[0] / d[1], 1e-12);
    }

    @Test
    void erMatchesHandComputedTwoLayerExample() {
        // layers 4x4 (r = 0.5) and 2x8 (r = 0.625); D = 0.5: ε (0.5·16 + 0.625·16) = 16 → ε = 8/9
        List<LayerShape> layers = List.of(LayerShape.linear("a", 4, 4), LayerShape.linear("b", 2, 8));
        double[] d = SparsityDistribution.ER.densities(layers, 0.5, false);
        assertArrayEquals(new double[] {0.5 * 8 / 9, 0.625 * 8 / 9}, d, 1e-12);
    }

    @Test
    void erkUsesKernelSizesForConvolutions() {
        List<LayerShape> layers = List.of(new LayerShape("conv", 16, 8, 3, 3), LayerShape.linear("fc", 10, 1024));
        double[] d = SparsityDistribution.ERK.densities(layers, 0.3, false);
        double r0 = (16.0 + 8 + 3 + 3) / (16 * 8 * 9);
        double r1 = (10.0 + 1024) / (10 * 1024);
        assertEquals(r0 / r1, d[0] / d[1], 1e-12);
        assertEquals(0.3, globalDensity(layers, d), 1e-12);
    }

    @Test
    void firstLayerCanBeKeptDense() {
        double[] d = SparsityDistribution.UNIFORM.densities(MLP, 0.9, true);
        assertEquals(1.0, d[0]);
        assertEquals(0.9, globalDensity(MLP, d), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SparsityDistribution.ERK.densities(MLP, 0.1, true),
                "the dense first layer alone holds 88% of the weights");
    }

    @Test
    void rejectsImpossibleTargets() {
        assertThrows(IllegalArgumentException.class, () -> SparsityDistribution.ERK.densities(MLP, 0.0, false));
        assertThrows(IllegalArgumentException.class, () -> SparsityDistribution.ERK.densities(MLP, 1.2, false));
        assertEquals(SparsityDistribution.ERK, SparsityDistribution.parse("erk"));
        assertThrows(IllegalArgumentException.class, () -> SparsityDistribution.parse("gaussian"));
    }
}
