package org.sparsitystudio.experiments.kinds.randompruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenseGapTest {

    @Test
    void gapIsAgainstTheDenseRunOfTheSameNetworkAndSeed() {
        DenseGap gaps = new DenseGap(List.of(new DenseGap.Point("MLP", 1, 2, 1, 0, 0.88),
                new DenseGap.Point("MLP", 2, 2, 1, 0, 0.89), new DenseGap.Point("MLP", 1, 2, 2, 0, 0.87)));
        assertEquals(0.03, gaps.gap(new DenseGap.Point("MLP", 1, 2, 1, 0.9, 0.85)).getAsDouble(), 1e-12);
        assertEquals(0.01, gaps.gap(new DenseGap.Point("MLP", 2, 2, 1, 0.9, 0.88)).getAsDouble(), 1e-12);
        assertEquals(0.02, gaps.gap(new DenseGap.Point("MLP", 1, 2, 2, 0.9, 0.85)).getAsDouble(), 1e-12);
        assertTrue(gaps.gap(new DenseGap.Point("MLP", 4, 2, 1, 0.9, 0.85)).isEmpty(), "no dense run at w=4");
        assertTrue(gaps.gap(new DenseGap.Point("CNN", 1, 2, 1, 0.9, 0.85)).isEmpty());
    }

    @Test
    void withoutAMatchingSeedTheMeanOfTheDenseRunsIsTheReference() {
        DenseGap gaps = new DenseGap(List.of(new DenseGap.Point("MLP", 1, 2, 11, 0, 0.88),
                new DenseGap.Point("MLP", 1, 2, 12, 0, 0.86)));
        assertEquals(0.02, gaps.gap(new DenseGap.Point("MLP", 1, 2, 99, 0.9, 0.85)).getAsDouble(), 1e-12);
    }
}
