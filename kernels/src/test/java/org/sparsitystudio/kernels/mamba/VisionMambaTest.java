package org.sparsitystudio.kernels.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

class VisionMambaTest {

    /** 3×8×8 images in 4×4 patches: 4 tokens, enough to see raster order and causality. */
    private static final VisionMamba.Config TINY = new VisionMamba.Config(3, 8, 4, 4, 2, 3, true);

    private static VisionMamba tiny(long seed) {
        VisionMamba m = VisionMamba.mamba(TINY, DataType.DOUBLE, new SplittableRandom(seed));
        for (Layer block : m.blocks()) {
            // Δ near 1, as in MambaBlockTest, so the Δ-path gradients rise above the rounding noise
            ((MambaBlock) block).mixer().dtProj().bias().value().addi(1.0);
        }
        return m;
    }

    private static INDArray images(long seed, int batch) {
        return Init.uniform(DataType.DOUBLE, new SplittableRandom(seed), 1.0, batch, 3 * 8 * 8);
    }

    @Test
    void studioShapesAndNames() {
        VisionMamba.Config c = VisionMamba.Config.rgb(64, 16, 2);
        assertEquals(8, c.patch());
        assertEquals(64, c.tokens());
        assertEquals(4, VisionMamba.Config.rgb(32, 16, 2).patch());
        VisionMamba m = VisionMamba.mamba(c, DataType.FLOAT, new SplittableRandom(1));
        List<String> names = m.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("patch_embed.proj.weight", "patch_embed.proj.bias", "pos_embed", "angle_embed.weight",
                "angle_embed.bias", "layers.0.norm.weight", "layers.0.mixer.in_proj.weight"), names.subList(0, 7));
        assertEquals("layers.1.mixer.out_proj.weight", names.get(names.size() - 2));
        assertEquals("norm_f.weight", names.get(names.size() - 1));
        INDArray out = m.forward(Init.uniform(DataType.FLOAT, new SplittableRandom(2), 1.0, 2, 3 * 64 * 64), false);
        assertArrayEquals(new long[] {2, 64, 16}, out.shape());
        assertFalse(VisionMamba.mamba(c.withAngleEmbedding(false), DataType.FLOAT, new SplittableRandom(1)).parameters()
                .stream().anyMatch(p -> p.name().startsWith("angle_embed")));
    }

    @Test
    void theAngleEmbeddingDoesNotChangeTheOtherWeights() {
        VisionMamba with = VisionMamba.mamba(TINY, DataType.DOUBLE, new SplittableRandom(3));
        VisionMamba without = VisionMamba.mamba(TINY.withAngleEmbedding(false), DataType.DOUBLE, new SplittableRandom(3));
        for (Parameter p : without.parameters()) {
            Parameter q = with.parameters().stream().filter(x -> x.name().equals(p.name())).findFirst().orElseThrow();
            assertEquals(p.value(), q.value(), p.name());
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        VisionMamba m = tiny(4);
        m.setRotation(new double[] {0.7, -2.1}, new boolean[][] {{false, true, false, true}, {true, true, true, true}});
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(m, images(5, 2), true, 6);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void theCausalTransformerBaselinePassesTheSameCheck() {
        VisionMamba m = VisionMamba.causalTransformer(TINY, 2, 4, DataType.DOUBLE, new SplittableRandom(7));
        m.setRotation(new double[] {1.0, 0.2}, new boolean[][] {{true, true, false, false}, {false, false, false, true}});
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(m, images(8, 2), true, 9);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void outputsUpToTokenTIgnoreLaterPatches() {
        for (VisionMamba m : List.of(tiny(10),
                VisionMamba.causalTransformer(TINY, 2, 4, DataType.DOUBLE, new SplittableRandom(11)))) {
            INDArray x = images(12, 2);
            INDArray base = m.forward(x, false).dup();
            // patches in raster order: token 1 is the top-right 4×4 block, token 2 bottom-left
            for (int t = 0; t < 3; t++) {
                INDArray changed = x.dup();
                INDArray img = changed.reshape('c', 2, 3, 2, 4, 2, 4);
                for (int later = t + 1; later < 4; later++) {
                    img.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(later / 2), NDArrayIndex.all(),
                            NDArrayIndex.point(later % 2), NDArrayIndex.all()).addi(0.5);
                }
                INDArray out = m.forward(changed, false);
                INDArray early = out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1), NDArrayIndex.all());
                INDArray baseEarly = base.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1), NDArrayIndex.all());
                assertTrue(baseEarly.equalsWithEps(early, 1e-12), "token ≤ " + t + " moved");
                INDArray next = out.get(NDArrayIndex.all(), NDArrayIndex.point(t + 1), NDArrayIndex.all());
                INDArray baseNext = base.get(NDArrayIndex.all(), NDArrayIndex.point(t + 1), NDArrayIndex.all());
                assertFalse(baseNext.equalsWithEps(next, 1e-6), "token " + (t + 1) + " should see its own patch");
            }
        }
    }

    @Test
    void onlyRotatedTokensGetAnAngleTerm() {
        VisionMamba m = VisionMamba.mamba(new VisionMamba.Config(3, 8, 4, 4, 0, 3, true), DataType.DOUBLE,
                new SplittableRandom(13));
        INDArray x = images(14, 1);
        INDArray plain = m.forward(x, false).dup();
        m.setRotation(new double[] {Math.PI / 2}, new boolean[][] {{false, false, true, false}});
        INDArray rotated = m.forward(x, false).dup();
        for (int t = 0; t < 4; t++) {
            boolean same = plain.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all())
                    .equals(rotated.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all()));
            assertEquals(t != 2, same, "token " + t);
        }
        AngleEmbedding e = m.angleEmbedding();
        INDArray emb = e.forward(new double[] {Math.PI / 2}, new boolean[][] {{false, false, true, false}});
        // sin = 1, cos = 0: the first weight column plus the bias
        INDArray expected = e.weight().value().getColumn(0).add(e.bias().value());
        assertTrue(expected.equalsWithEps(emb.get(NDArrayIndex.point(0), NDArrayIndex.point(2), NDArrayIndex.all()),
                1e-12));
        assertEquals(0.0, emb.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).amaxNumber()
                .doubleValue());
        m.clearRotation();
        assertEquals(plain, m.forward(x, false));
    }

    @Test
    void skippedInputGradientStillTrainsThePatchProjection() {
        VisionMamba m = tiny(15);
        m.setInputGradientRequired(false);
        INDArray out = m.forward(images(16, 2), true);
        assertNull(m.backward(Init.normal(DataType.DOUBLE, new SplittableRandom(17), 1.0, out.shape())));
        assertTrue(m.patchEmbedding().proj().weight().grad().amaxNumber().doubleValue() > 0);
        assertEquals(0.0, m.angleEmbedding().weight().grad().amaxNumber().doubleValue(), "no rotation was set");
    }
}
