package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class PatchEmbeddingTest {

    @Test
    void forwardEqualsStridedConvolutionInRasterOrder() {
        int c = 2;
        int h = 4;
        int w = 6;
        int p = 2;
        PatchEmbedding embed = new PatchEmbedding(c, h, w, p, 3, DataType.DOUBLE, new SplittableRandom(1));
        INDArray flat = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, c * h * w);
        INDArray y = embed.forward(flat, false).dup();
        assertArrayEquals(new long[] {2, 6, 3}, y.shape());
        INDArray weight = embed.proj().weight().value().reshape(3, c, p, p);
        INDArray bias = embed.proj().bias().value();
        for (int n = 0; n < 2; n++) {
            for (int pr = 0; pr < h / p; pr++) {
                for (int pc = 0; pc < w / p; pc++) {
                    int token = pr * (w / p) + pc;
                    for (int d = 0; d < 3; d++) {
                        double s = bias.getDouble(d);
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < p; u++) {
                                for (int v = 0; v < p; v++) {
                                    int pixel = ch * h * w + (pr * p + u) * w + pc * p + v;
                                    s += flat.getDouble(n, pixel) * weight.getDouble(d, ch, u, v);
                                }
                            }
                        }
                        assertEquals(s, y.getDouble(n, token, d), 1e-12);
                    }
                }
            }
        }
        // the 4-D layout gives the same tokens
        assertEquals(y, embed.forward(flat.reshape(2, c, h, w), false));
    }

    @Test
    void gradientsMatchFiniteDifferencesForBothLayouts() {
        PatchEmbedding embed = new PatchEmbedding(2, 4, 4, 2, 5, DataType.DOUBLE, new SplittableRandom(3));
        assertEquals(List.of("proj.weight", "proj.bias"), embed.parameters().stream().map(Parameter::name).toList());
        INDArray flat = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 32);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(embed, flat, true, 5);
        assertTrue(bad.isEmpty(), () -> "flat mismatches: " + bad);
        List<GradientCheck.Mismatch> bad4 = GradientCheck.standard().check(embed, flat.reshape(2, 2, 4, 4), true, 6);
        assertTrue(bad4.isEmpty(), () -> "4-D mismatches: " + bad4);
        assertArrayEquals(new long[] {2, 2, 4, 4}, embed.backward(embed.forward(flat.reshape(2, 2, 4, 4), true).dup()).shape());
    }

    @Test
    void worksInFloat() {
        PatchEmbedding embed = new PatchEmbedding(1, 8, 8, 4, 6, DataType.FLOAT, new SplittableRandom(3));
        INDArray y = embed.forward(Init.normal(DataType.FLOAT, new SplittableRandom(4), 1.0, 3, 64), true);
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new long[] {3, 4, 6}, y.shape());
        assertArrayEquals(new long[] {3, 64}, embed.backward(y.dup()).shape());
    }

    @Test
    void patchesAreTheRowsTheProjectionSees() {
        PatchEmbedding embed = new PatchEmbedding(2, 4, 6, 2, 3, DataType.DOUBLE, new SplittableRandom(1));
        INDArray images = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 2 * 4 * 6);
        INDArray patches = embed.patches(images);
        assertArrayEquals(new long[] {2, 6, 8}, patches.shape());
        INDArray tokens = embed.forward(images, false);
        INDArray projected = patches.reshape(12, 8).mmul(embed.proj().weight().value().transpose())
                .addiRowVector(embed.proj().bias().value()).reshape(2, 6, 3);
        assertTrue(projected.equalsWithEps(tokens, 1e-12));
        // token 1 of image 0 is rows 0-1, columns 2-3: its first value is pixel (channel 0, 0, 2)
        assertEquals(images.getDouble(0, 2), patches.getDouble(0, 1, 0), 0);
    }
}
