package org.sparsitystudio.experiments.kinds.randompruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.DesignPreview;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.sparsity.SparsityDistribution;

/** The designer's preview tells the truth about the network a run will build. */
class DesignPreviewTest {

    @Test
    void shapesWithoutBuildingMatchTheBuiltNetwork() {
        for (Architecture a : Architecture.values()) {
            for (int depth = 1; depth <= 3; depth++) {
                Sequential model = a.build(0.5, depth, DataType.FLOAT, 1);
                List<Layer> prunable = RandomPruningTrial.prunableLayers(model);
                var shapes = a.shapes(0.5, depth);
                assertEquals(prunable.size(), shapes.size(), a + " depth " + depth);
                for (int i = 0; i < shapes.size(); i++) {
                    long[] w = prunable.get(i).parameters().get(0).value().shape();
                    long count = 1;
                    for (long s : w) {
                        count *= s;
                    }
                    assertEquals(count, shapes.get(i).count(), a + " layer " + i);
                    assertEquals(w[0], shapes.get(i).out());
                    assertEquals(w[1], shapes.get(i).in());
                }
            }
        }
    }

    @Test
    void previewShowsTheErkDensitiesAndTheKeptWeights() {
        RandomPruningKind kind = new RandomPruningKind();
        Design design = Design.of(kind.id()).withParameter("sparsity", 0.9).withParameter("distribution", "erk");
        RunSpec run = Sweeps.expand(design, kind).get(0);
        DesignPreview preview = kind.preview(run).orElseThrow();
        double[] expected = SparsityDistribution.ERK.densities(Architecture.MLP.shapes(1.0, 2), 0.1, false);
        assertArrayEquals(java.util.Arrays.stream(expected).map(d -> 100 * d).toArray(),
                preview.bars().stream().mapToDouble(DesignPreview.Bar::value).toArray(), 1e-9);
        assertEquals("fc1 784→300", preview.bars().get(0).label());
        assertTrue(preview.summary().contains("of 266,200 weights kept (10.0 %)"), preview.summary());
        assertTrue(preview.title().contains("ERK at 90 %"), preview.title());
    }
}
