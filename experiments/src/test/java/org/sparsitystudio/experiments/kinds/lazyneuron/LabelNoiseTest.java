package org.sparsitystudio.experiments.kinds.lazyneuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {

    private static int[] labels(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % classes;
        }
        return labels;
    }

    @Test
    void movesExactlyRoundQnLabelsAndNeverToTheSameClass() {
        int[] labels = labels(1003, 10);
        for (double q : new double[] {0, 0.2, 0.4, 0.9, 1}) {
            int[] noisy = LabelNoise.flip(labels, 10, q, 7);
            int changed = 0;
            for (int i = 0; i < labels.length; i++) {
                changed += noisy[i] != labels[i] ? 1 : 0;
                assertFalse(noisy[i] < 0 || noisy[i] >= 10);
            }
            // a changed label differs from its class by construction, so every moved label is counted
            assertEquals(Math.round(q * labels.length), changed, "q = " + q);
        }
        assertArrayEquals(labels(1003, 10), labels, "the input is not modified");
    }

    @Test
    void flipsReachEveryOtherClassAndAreSeeded() {
        int[] labels = new int[3000];
        int[] noisy = LabelNoise.flip(labels, 4, 1.0, 3);
        int[] counts = new int[4];
        for (int label : noisy) {
            counts[label]++;
        }
        assertEquals(0, counts[0]);
        for (int c = 1; c < 4; c++) {
            assertEquals(1000, counts[c], 100, "roughly uniform over the other classes");
        }
        assertArrayEquals(LabelNoise.flip(labels(500, 10), 10, 0.3, 11), LabelNoise.flip(labels(500, 10), 10, 0.3, 11));
        assertNotEquals(Arrays.toString(LabelNoise.flip(labels(500, 10), 10, 0.3, 11)),
                Arrays.toString(LabelNoise.flip(labels(500, 10), 10, 0.3, 12)));
    }

    @Test
    void permutationKeepsClassCountsAndIsSeeded() {
        int[] labels = labels(1000, 10);
        int[] permuted = LabelNoise.permute(labels, 5);
        int[] a = labels.clone();
        int[] b = permuted.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(a, b);
        assertArrayEquals(permuted, LabelNoise.permute(labels, 5));
        long same = java.util.stream.IntStream.range(0, 1000).filter(i -> labels[i] == permuted[i]).count();
        assertEquals(100, same, 40, "about 1/10 agree by chance");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.flip(new int[3], 10, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.flip(new int[3], 1, 0.5, 0));
    }
}
