package org.sparsitystudio.experiments.kinds.nm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
import org.sparsitystudio.experiments.spi.SweepAxis;

class NmSparseTrainingKindTest {

    private final NmSparseTrainingKind kind = new NmSparseTrainingKind();

    private RunSpec tiny(String architecture, String method, int n, int m) {
        return tiny(architecture, method, n, m, 100);
    }

    private RunSpec tiny(String architecture, String method, int n, int m, int batchSize) {
        Design design = Design.of(NmSparseTrainingKind.ID).withParameter("data", "embedded")
                .withParameter("architecture", architecture).withParameter("method", method).withParameter("n", n)
                .withParameter("m", m).withParameter("epochs", 2).withParameter("batchSize", batchSize).withSeed(3);
        return Sweeps.expand(design, kind).get(0);
    }

    private static List<Double> values(RecordingContext context, String metric) {
        return context.metrics.stream().filter(p -> p.name().equals(metric)).map(RecordingContext.Point::value).toList();
    }

    @Test
    void isFoundByItsStableIdAndItsDesignSurvivesJson() {
        assertTrue(ExperimentKinds.load().get(NmSparseTrainingKind.ID) instanceof NmSparseTrainingKind);
        Design design = kind.defaultDesign();
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(json.write(design), json.write(json.read(json.write(design))));
        assertEquals(16, Sweeps.runCount(design));
    }

    @Test
    void rejectsNNotBelowMAndFractionsAboveOne() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> NmSparseTrainingKind.config(tiny("mlp", "sr-ste", 4, 4)));
        assertEquals("n", e.parameter());
        RunSpec tooLong = Sweeps.expand(Design.of(NmSparseTrainingKind.ID).withParameter("denseFraction", 0.5)
                .withParameter("fineTuneFraction", 0.6), kind).get(0);
        assertThrows(ParameterException.class, () -> NmSparseTrainingKind.config(tooLong));
    }

    @Test
    void mdgfOnTheVitReportsEveryMetricAndEndsWithExactGroups() throws Exception {
        RecordingContext context = new RecordingContext();
        // batches of 200: 30 ViT steps per epoch keep the test short
        RunResult r = kind.run(tiny("vit", "mdgf-exp", 1, 8, 200), context);
        double accuracy = r.results().get("finalTestAccuracy");
        assertTrue(accuracy > 0.3 && accuracy <= 1, r.toString());
        assertTrue(r.results().get("bestTestAccuracy") >= accuracy);
        assertEquals(1.0, r.results().get("exactGroupShare"), "every exported group holds exactly N nonzeros");
        assertEquals(0.875, r.results().get("sparsityLevel"), 1e-12);
        // two blocks, fc1 64→128 and fc2 128→64
        assertEquals(2 * 2 * 64 * 128, r.results().get("maskedWeights"));
        for (String metric : List.of("trainLoss", "testAccuracy", "flipRate", "gradNormKept", "gradNormPruned", "beta")) {
            assertEquals(2, values(context, metric).size(), metric);
        }
        List<Double> beta = values(context, "beta");
        assertTrue(beta.get(0) > 0 && beta.get(0) < 1, "halfway through the decay: " + beta);
        assertEquals(0.0, beta.get(1), "β ends at 0");
        assertTrue(values(context, "gradNormPruned").get(0) > 0);
    }

    @Test
    void sdgfOnTheMlpTightensItsPatternAndDenseReportsNoMaskMetrics() throws Exception {
        RecordingContext sdgf = new RecordingContext();
        RunResult r = kind.run(tiny("mlp", "sdgf", 1, 8), sdgf);
        assertEquals(1.0, r.results().get("exactGroupShare"));
        // 2 epochs with f_ft 0.1: decay over steps [0, 0.9·T), frames 7, 4, 2, 1 of 8
        List<Double> kept = values(sdgf, "keptPerGroup");
        assertEquals(2.0, kept.get(0), "end of epoch 1 is in the third of four frames");
        assertEquals(1.0, kept.get(1));
        // the kept masks: 784 → 300 → 100, rows are outputs, each row's groups of 8 inputs hold exactly one
        List<Matrix> masks = MatrixArtifact.read(sdgf.artifacts.get(MatrixArtifact.KIND));
        assertEquals(List.of("layer1.mask", "layer2.mask"), masks.stream().map(Matrix::name).toList());
        assertEquals(300, masks.get(0).rows());
        assertEquals(784, masks.get(0).cols());
        assertEquals(Matrix.Style.MASK, masks.get(0).style());
        assertEquals(8, masks.get(0).groupColumns(), "the viewer marks groups of M");
        for (Matrix mask : masks) {
            for (int row = 0; row < mask.rows(); row++) {
                for (int g = 0; g < mask.cols() / 8; g++) {
                    int nonzero = 0;
                    for (int j = 0; j < 8; j++) {
                        nonzero += mask.at(row, 8 * g + j) == 1f ? 1 : mask.at(row, 8 * g + j) == 0f ? 0 : 100;
                    }
                    assertEquals(1, nonzero, mask.name() + " row " + row + " group " + g);
                }
            }
        }

        RecordingContext dense = new RecordingContext();
        RunResult d = kind.run(tiny("mlp", "dense", 1, 8), dense);
        assertFalse(d.results().containsKey("exactGroupShare"));
        assertEquals(0.0, d.results().get("sparsityLevel"));
        assertTrue(values(dense, "flipRate").isEmpty() && values(dense, "gradNormPruned").isEmpty());
        assertFalse(dense.artifacts.containsKey(MatrixArtifact.KIND), "a dense run has no mask to show");
        assertTrue(d.results().get("finalTestAccuracy") > 0.5, d.toString());
    }

    @Test
    void gapToDenseMatchesTheDenseRunOfTheSameSeed() {
        Design design = Design.of(NmSparseTrainingKind.ID).withAxis("method", "dense", "sr-ste")
                .withAxis(SweepAxis.seeds(1, 2));
        List<RunSpec> runs = Sweeps.expand(design, kind);
        List<Map<String, Double>> results = runs.stream()
                .map(run -> Map.of("finalTestAccuracy", (run.choice("method").equals("dense") ? 0.9 : 0.8)
                        + run.seed() / 100.0))
                .toList();
        List<Map<String, Double>> gaps = kind.studyResults(runs, results);
        for (int i = 0; i < runs.size(); i++) {
            double expected = runs.get(i).choice("method").equals("dense") ? 0 : 0.1;
            assertEquals(expected, gaps.get(i).get("gapToDense"), 1e-12, runs.get(i).displayName());
        }
    }

    @Test
    void thePreviewDrawsThePatternByTheRunsRule() {
        RunSpec run = tiny("mlp", "sr-ste", 2, 8);
        var preview = kind.preview(run).orElseThrow();
        Matrix p = preview.picture().orElseThrow();
        assertEquals(8, p.groupColumns());
        assertEquals(Matrix.Style.MASK, p.style());
        for (int r = 0; r < p.rows(); r++) {
            for (int g = 0; g < p.cols() / 8; g++) {
                int kept = 0;
                for (int j = 0; j < 8; j++) {
                    kept += p.at(r, 8 * g + j) == 1f ? 1 : 0;
                }
                assertEquals(2, kept, "row " + r + " group " + g);
            }
        }
        assertTrue(preview.summary().contains("25.0 %"), preview.summary());
        assertTrue(kind.preview(tiny("mlp", "sr-ste", 4, 4)).isEmpty(), "no preview of an invalid design");
    }
}
