package org.sparsitystudio.kernels.sparsity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Init;

class NmMaskerTest {

    /** The definition, by brute force: keep an entry when fewer than N of its group outrank it. */
    private static float[][] reference(float[][] w, NmPattern p) {
        float[][] mask = new float[w.length][w[0].length];
        for (int r = 0; r < w.length; r++) {
            for (int g = 0; g < w[r].length; g += p.m()) {
                int len = Math.min(p.m(), w[r].length - g);
                for (int i = 0; i < len; i++) {
                    int outranked = 0;
                    for (int j = 0; j < len; j++) {
                        float aj = Math.abs(w[r][g + j]);
                        float ai = Math.abs(w[r][g + i]);
                        if (aj > ai || (aj == ai && j < i)) {
                            outranked++;
                        }
                    }
                    mask[r][g + i] = outranked < p.keptIn(len) ? 1f : 0f;
                }
            }
        }
        return mask;
    }

    private static INDArray maskOf(INDArray w, NmPattern p) {
        INDArray mask = w.ulike();
        new NmMasker(p, w, mask).update();
        return mask;
    }

    @ParameterizedTest
    @CsvSource({"2,4,16", "1,4,16", "2,8,24", "4,16,32", "1,32,64", "1,16,48", "2,4,10", "3,8,21"})
    void everyGroupKeepsExactlyItsLargestEntries(int n, int m, int cols) {
        NmPattern p = new NmPattern(n, m);
        INDArray w = Init.normal(DataType.FLOAT, new SplittableRandom(n * 100 + m), 1.0, 7, cols);
        INDArray mask = maskOf(w, p);
        float[][] expected = reference(w.toFloatMatrix(), p);
        assertEquals(Nd4j.createFromArray(expected), mask);
        for (int r = 0; r < 7; r++) {
            for (int g = 0; g < cols; g += m) {
                int len = Math.min(m, cols - g);
                double kept = mask.get(org.nd4j.linalg.indexing.NDArrayIndex.point(r),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(g, g + len)).sumNumber().doubleValue();
                assertEquals(p.keptIn(len), kept, 0.0, "row " + r + " group at " + g);
            }
        }
    }

    @Test
    void tiesGoToTheLowerIndexAndSignIsIgnored() {
        INDArray w = Nd4j.createFromArray(new float[][] {
            {1f, 1f, 1f, 1f, -3f, 2f, 3f, 0f},
            {0f, 0f, 0f, 0f, 0.5f, -0.5f, 0.5f, -0.5f}});
        INDArray mask = maskOf(w, new NmPattern(2, 4));
        assertEquals(Nd4j.createFromArray(new float[][] {
            {1f, 1f, 0f, 0f, 1f, 0f, 1f, 0f},
            {1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f}}), mask);
    }

    @Test
    void followsTheWeightWhenRecomputed() {
        INDArray w = Nd4j.createFromArray(new float[][] {{4f, 3f, 2f, 1f}});
        INDArray mask = w.ulike();
        NmMasker masker = new NmMasker(new NmPattern(1, 4), w, mask);
        masker.update();
        assertEquals(Nd4j.createFromArray(new float[][] {{1f, 0f, 0f, 0f}}), mask);
        w.putScalar(0, 3, 9f);
        masker.update();
        assertEquals(Nd4j.createFromArray(new float[][] {{0f, 0f, 0f, 1f}}), mask);
    }

    @Test
    void doubleWeightsGiveTheSameMask() {
        INDArray w = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 5, 12);
        assertEquals(maskOf(w.castTo(DataType.FLOAT), new NmPattern(2, 4)),
                maskOf(w, new NmPattern(2, 4)).castTo(DataType.FLOAT));
    }

    @Test
    void patternsParseAndValidate() {
        assertEquals(new NmPattern(2, 4), NmPattern.parse(" 2:4 "));
        assertEquals(0.75, NmPattern.parse("1:4").sparsity(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> NmPattern.parse("4:4"));
        assertThrows(IllegalArgumentException.class, () -> NmPattern.parse("0:4"));
        assertThrows(IllegalArgumentException.class, () -> NmPattern.parse("2/4"));
        assertEquals(1, new NmPattern(1, 32).keptIn(10), "a short last group keeps ceil(N·len/M)");
        assertEquals(2, new NmPattern(3, 8).keptIn(5));
    }
}
