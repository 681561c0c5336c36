package org.sparsitystudio.experiments.kinds.randompruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenseGapTest {

    @Test
    void gapIsAgainstTheDenseRunOfTheSameWidthDepthAndSeed() {
        DenseGap.Point dense1 = new DenseGap.Point("MLP", 1, 2, 1, 0, 0.88);
        DenseGap.Point dense2 = new DenseGap.Point("MLP", 2, 2, 1, 0, 0.89);
        DenseGap.Point denseSeed2 = new DenseGap.Point("MLP", 1, 2, 2, 0, 0.87);
        DenseGap gaps = new DenseGap(List.of(dense1, dense2, denseSeed2));
        assertEquals(0.03, gaps.gap(new DenseGap.Point("MLP", 1, 2, 1, 0.9, 0.85)).getAsDouble(), 1e-12);
        assertEquals(0.01, gaps.gap(new DenseGap.Point("MLP", 2, 2, 1, 0.9, 0.88)).getAsDouble(), 1e-12);
        assertEquals(0.02, gaps.gap(new DenseGap.Point("MLP", 1, 2, 2, 0.9, 0.85)).getAsDouble(), 1e-12);
        assertTrue(gaps.gap(new DenseGap.Point("MLP", 4, 2, 1, 0.9, 0.85)).isEmpty(), "no dense run at w=4");
        assertTrue(gaps.gap(new DenseGap.Point("CNN", 1, 2, 1, 0.9, 0.85)).isEmpty());
    }
}
