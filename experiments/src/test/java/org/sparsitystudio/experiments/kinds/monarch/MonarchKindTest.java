package org.sparsitystudio.experiments.kinds.monarch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.experiments.spi.ParameterException;
import org.sparsitystudio.experiments.spi.RecordingContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;

class MonarchKindTest {

    private final MonarchKind kind = new MonarchKind();

    private RunSpec tiny(String layer, String mode) {
        Design design = Design.of(MonarchKind.ID).withParameter("data", "embedded").withParameter("hidden", 64)
                .withParameter("blocks", 8).withParameter("epochs", 1).withParameter("layer", layer)
                .withParameter("mode", mode).withSeed(3);
        return Sweeps.expand(design, kind).get(0);
    }

    private RunSpec tinyVit(String layer, String where, String blocks, String mode) {
        Design design = Design.of(MonarchKind.ID).withParameter("data", "embedded").withParameter("architecture", "vit")
                .withParameter("where", where).withParameter("blocks", Integer.parseInt(blocks))
                .withParameter("epochs", 1).withParameter("batchSize", 100).withParameter("layer", layer)
                .withParameter("mode", mode).withSeed(3);
        return Sweeps.expand(design, kind).get(0);
    }

    @Test
    void isFoundByItsStableId() {
        assertTrue(ExperimentKinds.load().get(MonarchKind.ID) instanceof MonarchKind);
    }

    @Test
    void defaultDesignSweepsModeByLayerByBlocksAndSurvivesJson() {
        Design design = kind.defaultDesign();
        assertEquals(2 * 4 * 4, Sweeps.runCount(design));
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(json.write(design), json.write(json.read(json.write(design))));
    }

    @Test
    void estimateCountsTheStructuredLayers() {
        List<RunSpec> runs = Sweeps.expand(Design.of(MonarchKind.ID).withAxis("layer", "dense", "monarch"), kind);
        // forward FLOPs per sample: 2 × weights + biases of 784-1024-1024-10
        double dense = 2.0 * (784 * 1024 + 1024 * 1024 + 1024 * 10) + 1024 + 1024 + 10;
        assertEquals(3 * dense * 60_000 * 2, kind.estimate(runs.get(0)).flops(), 1.0);
        double monarch = dense - 2.0 * (1024 * 1024 - 65_536);
        assertEquals(3 * monarch * 60_000 * 2, kind.estimate(runs.get(1)).flops(), 1.0);
        assertEquals(2 * 469, kind.estimate(runs.get(0)).steps());
        RunSpec project = Sweeps.expand(Design.of(MonarchKind.ID).withParameter("mode", "project-dense"), kind).get(0);
        assertEquals(3 * (dense * 2 + monarch) * 60_000, kind.estimate(project).flops(), 1.0,
                "two dense epochs, one fine-tune epoch of the Monarch model");
        assertEquals(3 * 469, kind.estimate(project).steps());
    }

    @Test
    void vitEstimateCountsTheReplacedProjectionsPerToken() {
        double dense = kind.estimate(tinyVit("dense", "mlp", "8", "from-scratch")).flops();
        double monarch = kind.estimate(tinyVit("monarch", "mlp", "8", "from-scratch")).flops();
        // fc1 + fc2 of 2 blocks: 32 768 dense weights, 7 168 Monarch ones, at 17 tokens
        assertEquals(3 * 60_000 * 2.0 * (32_768 - 7_168) * 17, dense - monarch, 1.0);
        double attention = kind.estimate(tinyVit("monarch", "attention", "8", "from-scratch")).flops();
        assertTrue(attention < dense, "qkv and proj are cheaper too");
        assertEquals(600, kind.estimate(tinyVit("dense", "mlp", "8", "from-scratch")).steps());
    }

    @Test
    void vitRejectsCombinationsItCannotRunNamingTheParameter() {
        assertEquals("mode", assertThrows(ParameterException.class,
                () -> kind.estimate(tinyVit("monarch", "mlp", "8", "project-dense"))).parameter());
        assertEquals("blocks", assertThrows(ParameterException.class,
                () -> kind.estimate(tinyVit("monarch", "both", "128", "from-scratch"))).parameter());
        ParameterException tooMany = assertThrows(ParameterException.class,
                () -> kind.estimate(tinyVit("random-sparse", "attention", "1", "from-scratch")));
        assertEquals("blocks", tooMany.parameter());
        assertTrue(tooMany.getMessage().contains("attn.qkv (64 → 192)"), tooMany.getMessage());
        kind.estimate(tinyVit("dense", "both", "128", "from-scratch")); // dense ignores the block count
        kind.estimate(Sweeps.expand(Design.of(MonarchKind.ID).withParameter("where", "both")
                .withParameter("mode", "project-dense"), kind).get(0)); // the MLP ignores where
    }

    @Test
    void vitFromScratchRunsReplaceTheChosenProjectionsAtMatchedParameterCounts() throws Exception {
        RecordingContext monarchContext = new RecordingContext();
        RunResult monarch = kind.run(tinyVit("monarch", "mlp", "8", "from-scratch"), monarchContext);
        RunResult sparse = kind.run(tinyVit("random-sparse", "mlp", "8", "from-scratch"), new RecordingContext());
        double accuracy = monarch.results().get("finalTestAccuracy");
        assertTrue(accuracy > 0.3 && accuracy <= 1, monarch.toString());
        assertTrue(sparse.results().get("finalTestAccuracy") > 0.3, sparse.toString());
        // per block fc1 64 → 128: 8·16·8 + 16·8² = 2048, fc2 128 → 64: 8·8·16 + 8·8² = 1536
        assertEquals(2 * (2048.0 + 1536), monarch.results().get("structuredParameters"));
        assertEquals(monarch.results().get("structuredParameters"), sparse.results().get("structuredParameters"));
        assertEquals(monarch.results().get("parameters"), sparse.results().get("parameters"),
                "same nonzero count in the whole model");
        assertTrue(monarch.results().get("effectiveFlops") > 0);
        List<String> names = MatrixArtifact.read(monarchContext.artifacts.get(MatrixArtifact.KIND)).stream()
                .map(Matrix::name).toList();
        assertEquals(12, names.size(), names.toString());
        assertEquals(List.of("blocks.0.mlp.fc1.R", "blocks.0.mlp.fc1.L", "blocks.0.mlp.fc1.M"), names.subList(0, 3));
        assertEquals("blocks.1.mlp.fc2.M", names.get(11));
    }

    @Test
    void fromScratchRunsReportMatchedParameterCounts() throws Exception {
        RecordingContext monarchContext = new RecordingContext();
        RunResult monarch = kind.run(tiny("monarch", "from-scratch"), monarchContext);
        RunResult sparse = kind.run(tiny("random-sparse", "from-scratch"), new RecordingContext());
        RunResult dense = kind.run(tiny("dense", "from-scratch"), new RecordingContext());
        double accuracy = monarch.results().get("finalTestAccuracy");
        assertTrue(accuracy > 0.5 && accuracy <= 1, monarch.toString());
        assertEquals(1024.0, monarch.results().get("structuredParameters"), "n(b + m) = 64 · 16");
        assertEquals(1024.0, sparse.results().get("structuredParameters"));
        assertEquals(monarch.results().get("parameters"), sparse.results().get("parameters"),
                "same nonzero count in the whole model");
        assertEquals(dense.results().get("parameters") - 64 * 64 + 1024, monarch.results().get("parameters"));
        assertEquals(List.of("trainLoss", "trainAccuracy", "testAccuracy"),
                monarchContext.metrics.stream().map(RecordingContext.Point::name).toList());
        assertFalse(monarch.results().containsKey("projectionError"));
        assertEquals(List.of("layer2.R", "layer2.L", "layer2.M"),
                MatrixArtifact.read(monarchContext.artifacts.get(MatrixArtifact.KIND)).stream()
                        .map(Matrix::name).toList(), "the trained factors are kept for viewing");
    }

    @Test
    void projectModeReportsErrorsAndBothAccuracies() throws Exception {
        RecordingContext context = new RecordingContext();
        RunResult r = kind.run(tiny("monarch", "project-dense"), context);
        double error = r.results().get(MonarchKind.projectionErrorName(2));
        assertTrue(error > 0 && error < 1, r.toString());
        assertEquals(error, r.results().get("projectionError"), 0.0, "one replaced layer: the mean is that layer");
        assertTrue(r.results().get("denseAccuracy") > 0.5, r.toString());
        assertTrue(r.results().containsKey("accuracyBeforeFineTune"));
        assertEquals(List.of(1L, 2L), context.metrics.stream().filter(p -> p.name().equals("testAccuracy"))
                .map(RecordingContext.Point::step).toList(), "the fine-tune epoch continues the numbering");
    }

    @Test
    void thePreviewShowsTheBlocksAndTheEqualBudgets() {
        var preview = kind.preview(tiny("monarch", "from-scratch")).orElseThrow();
        // hidden 64, b = 8: R is 8 blocks of 8 × 8, drawn in full (64 ≤ 256 a side)
        Matrix r = preview.picture().orElseThrow();
        assertEquals(64, r.rows());
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                assertEquals(i / 8 == j / 8 ? 1f : 0f, r.at(i, j), i + "," + j);
            }
        }
        assertEquals(List.of(64 * 64 / 1000.0, 1.024, 1.024), preview.bars().subList(0, 3).stream()
                .map(org.sparsitystudio.experiments.spi.DesignPreview.Bar::value).toList(),
                "dense, Monarch n(b + m) = 1024, random sparse at the same budget");
        Design big = Design.of(MonarchKind.ID).withParameter("hidden", 4096).withParameter("blocks", 64);
        Matrix scaled = kind.preview(Sweeps.expand(big, kind).get(0)).orElseThrow().picture().orElseThrow();
        assertEquals(256, scaled.rows(), "64 blocks of 64 × 64 drawn 4 × 4 each");
    }
}
