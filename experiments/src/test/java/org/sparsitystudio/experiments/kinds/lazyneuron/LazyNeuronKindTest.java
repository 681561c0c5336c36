package org.sparsitystudio.experiments.kinds.lazyneuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.RecordingContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.training.CancelledException;

/** The kind end to end on the embedded subset, with a tiny ViT and a handful of steps. */
class LazyNeuronKindTest {

    private final LazyNeuronKind kind = new LazyNeuronKind();

    /** 600 training images in batches of 50: 12 steps, probed at 0, 4, 8 and after the last. */
    private RunSpec run(long seed, Map<String, Object> overrides) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("data", "embedded", "epochs", 1, "dataFraction", 0.1,
                "batchSize", 50, "dim", 16, "depth", 2, "heads", 2, "mlpHidden", 32, "probeInterval", 4,
                "probeImages", 64));
        p.putAll(overrides);
        Design design = Design.of(LazyNeuronKind.ID);
        for (Map.Entry<String, Object> e : p.entrySet()) {
            design = design.withParameter(e.getKey(), e.getValue());
        }
        RunSpec spec = Sweeps.expand(design, kind).get(0);
        return new RunSpec(spec.kind(), 0, spec.parameters(), seed, spec.displayName());
    }

    private static List<RecordingContext.Point> series(RecordingContext context, String name) {
        return context.metrics.stream().filter(p -> p.name().equals(name)).toList();
    }

    @Test
    void isFoundByItsIdAndItsDeclarationsHoldTogether() {
        assertTrue(ExperimentKinds.load().get(LazyNeuronKind.ID) instanceof LazyNeuronKind);
        assertEquals("Lazy neurons", kind.title());
        Design design = kind.defaultDesign();
        assertEquals(2, Sweeps.runCount(design));
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(json.write(design), json.write(json.read(json.write(design))));
        List<String> names = kind.metrics().stream().map(MetricSpec::name).toList();
        assertTrue(names.containsAll(List.of("densityLayer1", "densityLayer12", "densityMean", "trainLoss",
                "testAccuracy", "cleanAccuracy", "accuracyNoise01", "accuracyNoise02", "accuracyNoise03", "ece")));
        ChartSpec density = kind.charts().get(0);
        assertEquals(ChartSpec.STEP, density.x());
        assertEquals("densityMean", density.y());
        assertEquals("Step", kind.stepLabel(), "densities are reported at optimizer steps, not epochs");
        assertTrue(kind.charts().stream().anyMatch(c -> c.x().equals("labelNoise") && c.y().equals("cleanAccuracy")
                && "activation".equals(c.groupBy())));
        assertTrue(kind.estimate(Sweeps.expand(design, kind).get(0)).flops() > 0);
    }

    @Test
    void reluRunReportsDensityPerLayerFromInitialisationAndEvaluatesRobustness(@TempDir Path dir) throws Exception {
        RecordingContext context = new RecordingContext();
        context.outputDirectory = dir;
        RunResult result = kind.run(run(1, Map.of()), context);

        List<RecordingContext.Point> mean = series(context, "densityMean");
        assertEquals(List.of(0L, 4L, 8L, 12L), mean.stream().map(RecordingContext.Point::step).toList());
        for (String layer : List.of("densityLayer1", "densityLayer2")) {
            assertEquals(4, series(context, layer).size());
        }
        assertTrue(series(context, "densityLayer3").isEmpty());
        double init = mean.get(0).value();
        assertTrue(init > 30 && init < 70, "about half the ReLUs fire at initialisation: " + init);
        assertEquals(init, result.results().get("densityInit"), 1e-9);
        assertEquals(mean.get(3).value(), result.results().get("densityFinal"), 1e-9);
        double layerMean = (result.results().get("densityFinalLayer1") + result.results().get("densityFinalLayer2")) / 2;
        assertEquals(result.results().get("densityFinal"), layerMean, 1e-9);
        assertFalse(result.results().containsKey("densityFinalLayer3"));

        assertEquals(12, series(context, "trainLoss").size());
        assertEquals(1, series(context, "testAccuracy").size());
        for (String name : List.of("cleanAccuracy", "accuracyNoise01", "accuracyNoise02", "accuracyNoise03",
                "accuracyBlur1", "accuracyContrast03", "ece", "eceNoise02")) {
            double v = result.results().get(name);
            assertTrue(v >= 0 && v <= 1, name + " = " + v);
        }
        assertTrue(result.results().get("cleanAccuracy") > 0.2, "12 steps learn something");
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3),
                series(context, "corruptionSeverity").stream().map(RecordingContext.Point::value).toList());
        assertEquals(result.results().get("cleanAccuracy"), series(context, "corruptedAccuracy").get(0).value());
        assertFalse(series(context, "reliabilityAccuracy").isEmpty());
        assertEquals(series(context, "reliabilityAccuracy").size(), series(context, "reliabilityConfidence").size());

        Path rates = context.artifacts.get("firing-rates");
        assertEquals(1 + 2 * 32, Files.readAllLines(rates).size());
        List<Matrix> images = MatrixArtifact.read(context.artifacts.get(MatrixArtifact.KIND));
        Matrix heatmap = images.get(0);
        assertEquals(2, heatmap.rows(), "one row per layer");
        assertEquals(mean.size(), heatmap.cols(), "one column per probe");
        for (int s = 0; s < mean.size(); s++) {
            assertEquals(mean.get(s).value(), (heatmap.at(0, s) + heatmap.at(1, s)) / 2, 1e-4, "probe " + s);
        }
        assertEquals(32, images.get(1).cols(), "one column per unit");
        assertEquals(1.0, context.progress);
    }

    @Test
    void topKKeepsAtMostKActivationsPerToken() throws Exception {
        RecordingContext context = new RecordingContext();
        RunResult result = kind.run(run(2, Map.of("activation", "topk", "k", 4)), context);
        assertTrue(result.results().get("maxActivePerToken") <= 4);
        for (RecordingContext.Point p : series(context, "densityMean")) {
            assertTrue(p.value() <= 100.0 * 4 / 32 + 1e-9, "at most k of 32 units: " + p.value());
        }
        RunResult fraction = kind.run(run(2, Map.of("activation", "topk", "kFraction", 0.25)), new RecordingContext());
        assertTrue(fraction.results().get("maxActivePerToken") <= 8);
    }

    @Test
    void probingDoesNotChangeTraining() throws Exception {
        RecordingContext often = new RecordingContext();
        RecordingContext rarely = new RecordingContext();
        RunResult a = kind.run(run(3, Map.of("probeInterval", 1)), often);
        RunResult b = kind.run(run(3, Map.of("probeInterval", 1000)), rarely);
        assertEquals(13, series(often, "densityMean").size());
        assertEquals(2, series(rarely, "densityMean").size());
        assertEquals(series(often, "trainLoss"), series(rarely, "trainLoss"));
        assertEquals(a.results(), b.results());
    }

    @Test
    void controlsAndOtherArchitecturesRun() throws Exception {
        RunResult gelu = kind.run(run(4, Map.of("architecture", "mlp", "depth", 3, "activation", "gelu",
                "geluThreshold", 0.05)), new RecordingContext());
        assertTrue(gelu.results().containsKey("densityFinalLayer3"));
        assertFalse(gelu.results().containsKey("densityFinalLayer4"));
        RecordingContext context = new RecordingContext();
        RunResult random = kind.run(run(5, Map.of("labels", "random", "inputs", "noise", "labelNoise", 0.2)), context);
        assertTrue(random.results().get("densityInit") > 30);
        RunResult densityOnly = kind.run(run(5, Map.of("robustness", false)), new RecordingContext());
        assertTrue(densityOnly.results().containsKey("densityFinal"));
        assertTrue(densityOnly.results().containsKey("cleanAccuracy"));
        assertFalse(densityOnly.results().containsKey("ece"));
        assertTrue(context.log.stream().anyMatch(l -> l.contains("noise images") && l.contains("labels permuted")
                && l.contains("label noise 0.2")), () -> String.join("\n", context.log));
    }

    @Test
    void rejectsInconsistentShapesAndStopsWhenCancelled() {
        assertThrows(IllegalArgumentException.class, () -> kind.run(run(6, Map.of("heads", 3)), new RecordingContext()));
        assertThrows(IllegalArgumentException.class, () -> kind.run(run(6, Map.of("patch", 5)), new RecordingContext()));
        assertThrows(CancelledException.class, () -> kind.run(run(6, Map.of()), new RecordingContext(8)));
    }
}
