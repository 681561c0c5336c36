package org.sparsitystudio.experiments.kinds.essential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.pretraining.PretrainCheckpoint;
import org.sparsitystudio.experiments.pretraining.PretrainConfig;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.RecordingContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.kernels.io.Safetensors;
import org.sparsitystudio.kernels.nn.Sequential;

/** The kind end to end on the embedded subset, with tiny settings. */
class EssentialSparsityKindTest {

    private final EssentialSparsityKind kind = new EssentialSparsityKind();

    private RunSpec run(long seed, Map<String, Object> overrides) {
        Design design = Design.of(EssentialSparsityKind.ID).withParameter("data", "embedded").withParameter("epochs", 1)
                .withParameter("dataFraction", 0.5).withParameter("grid", List.of(0.0, 0.5, 0.8, 0.95));
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            design = design.withParameter(e.getKey(), e.getValue());
        }
        RunSpec spec = Sweeps.expand(design, kind).get(0);
        return new RunSpec(spec.kind(), 0, spec.parameters(), seed, spec.displayName());
    }

    private static List<Double> series(RecordingContext context, String name) {
        return context.metrics.stream().filter(p -> p.name().equals(name)).map(RecordingContext.Point::value).toList();
    }

    @Test
    void isFoundByItsIdAndItsDeclarationsHoldTogether() {
        assertTrue(ExperimentKinds.load().get(EssentialSparsityKind.ID) instanceof EssentialSparsityKind);
        Design design = kind.defaultDesign();
        assertEquals(9, Sweeps.runCount(design));
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(json.write(design), json.write(json.read(json.write(design))));
        List<Double> grid = EssentialSparsityKind.DEFAULT_GRID;
        assertEquals(22, grid.size());
        assertEquals(0.15, grid.get(3));
        assertEquals(List.of(0.9, 0.95, 0.98, 0.99), grid.subList(18, 22));
        ChartSpec curve = kind.charts().get(0);
        assertEquals(java.util.Optional.of("sparsityLevel"), curve.xMetricName());
        assertEquals("prunedAccuracy", curve.y());
    }

    @Test
    void supervisedRunWritesACheckpointThatReloadsToTheSameAccuracy(@TempDir Path dir) throws Exception {
        RecordingContext context = new RecordingContext();
        context.outputDirectory = dir;
        RunSpec spec = run(5, Map.of("keepEmbeddingsAndHeadDense", false));
        RunResult result = kind.run(spec, context);

        Path checkpoint = context.artifacts.get("checkpoint");
        assertEquals(dir.resolve(PretrainCheckpoint.FILE_NAME).toAbsolutePath(), checkpoint);
        assertTrue(Files.size(checkpoint) > 1_000_000, "the MLP's 266,610 floats");
        assertEquals(Safetensors.sha256(checkpoint), context.provenance.get("checkpoint.sha256"));

        Sequential fresh = EssentialSparsityKind.config(spec).buildModel();
        assertTrue(PretrainCheckpoint.load(checkpoint, fresh).isEmpty());
        FashionMnist data = FashionMnist.load(DataSource.embeddedSubset());
        double reloaded = SparsitySweep.accuracy(fresh, data.test());
        List<Double> pruned = series(context, "prunedAccuracy");
        List<Double> pretrained = series(context, "pretrainTestAccuracy");
        // sparsity 0 is the pre-trained model itself: exactly its accuracy, and the checkpoint's
        assertEquals(reloaded, pruned.get(0));
        assertEquals(pretrained.get(pretrained.size() - 1), pruned.get(0));
        assertEquals(pruned.get(0), result.results().get("denseAccuracy"));
        assertEquals(List.of(0.0, 0.5, 0.8, 0.95), series(context, "sparsityLevel"));
        assertTrue(pruned.get(0) > 0.6, pruned.toString());
        // with every layer pruned, the model's sparsity is the requested one up to rounding
        List<Double> modelSparsity = series(context, "modelSparsity");
        assertEquals(0.5, modelSparsity.get(1), 1e-5);

        Map<String, Double> r = result.results();
        double knee = r.get("essentialSparsity");
        assertEquals(KneeDetection.toleranceKnee(new double[] {0, 0.5, 0.8, 0.95},
                pruned.stream().mapToDouble(Double::doubleValue).toArray(), 0.01), knee);
        assertTrue(r.containsKey("kneedleSparsity") && r.containsKey("accuracyAtKnee"), r.toString());
        assertEquals(List.of("layerSparsityAtKnee.0", "layerSparsityAtKnee.2", "layerSparsityAtKnee.4"),
                r.keySet().stream().filter(k -> k.startsWith(EssentialSparsityKind.LAYER_SPARSITY_PREFIX)).toList());
        assertEquals(266_200, r.get("prunableWeights"));
        assertEquals(1.0, context.progress, 1e-12);
    }

    @Test
    void selfSupervisedVitRunsThroughAProbeAndReportsItsLayers(@TempDir Path dir) throws Exception {
        RecordingContext context = new RecordingContext();
        context.outputDirectory = dir;
        Map<String, Object> vit = new LinkedHashMap<>();
        vit.put("architecture", "vit");
        vit.put("objective", "mae");
        vit.put("patch", 7);
        vit.put("dim", 16);
        vit.put("depth", 1);
        vit.put("heads", 2);
        vit.put("mlpHidden", 32);
        vit.put("dataFraction", 0.2);
        vit.put("scope", "layerwise");
        vit.put("weights", "attention");
        RunResult result = kind.run(run(2, vit), context);
        Map<String, Double> r = result.results();
        assertEquals(List.of("layerSparsityAtKnee.blocks.0.attn.qkv", "layerSparsityAtKnee.blocks.0.attn.proj"),
                r.keySet().stream().filter(k -> k.startsWith(EssentialSparsityKind.LAYER_SPARSITY_PREFIX)).toList());
        // layer-wise: every pruned layer at exactly the knee's sparsity (up to rounding)
        double knee = r.get("essentialSparsity");
        r.entrySet().stream().filter(e -> e.getKey().startsWith(EssentialSparsityKind.LAYER_SPARSITY_PREFIX))
                .forEach(e -> assertEquals(knee, e.getValue(), 1.0 / 768));
        assertEquals(3 * 16 * 16 + 16 * 16, r.get("prunableWeights"));
        assertTrue(series(context, "pretrainTestAccuracy").isEmpty(), "no head is trained by reconstruction");
        assertTrue(r.get("denseAccuracy") > 0.3, "the probe beats chance: " + r);
        Sequential fresh = EssentialSparsityKind.config(run(2, vit)).buildModel();
        assertEquals(3, PretrainCheckpoint.load(context.artifacts.get("checkpoint"), fresh).size());
    }

    @Test
    void cancellationStopsBetweenLevels(@TempDir Path dir) {
        // one epoch of pre-training reports 2 metrics; a level reports 3
        RecordingContext context = new RecordingContext(2 + 3 * 2);
        context.outputDirectory = dir;
        assertThrows(CancelledException.class, () -> kind.run(run(1, Map.of()), context));
        assertEquals(2, series(context, "prunedAccuracy").size());
    }

    @Test
    void aGridThatDoesNotStartDenseFailsBeforeTraining() {
        RecordingContext context = new RecordingContext();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kind.run(run(1, Map.of("grid", List.of(0.1, 0.5))), context));
        assertTrue(e.getMessage().contains("start at 0"), e.getMessage());
        assertTrue(context.metrics.isEmpty());
    }

    @Test
    void theVitShapeIsCheckedOnlyForAVit() {
        assertEquals(null, EssentialSparsityKind.config(run(1, Map.of("patch", 5))).vit());
        assertThrows(IllegalArgumentException.class,
                () -> EssentialSparsityKind.config(run(1, Map.of("patch", 5, "architecture", "vit"))));
        PretrainConfig vit = EssentialSparsityKind.config(run(1, Map.of("architecture", "vit")));
        assertEquals(4, vit.vit().patch());
    }

    @Test
    void aStoredCheckpointIsPrunedInsteadOfPretrainingAndAMisfitNamesTheTensor(@TempDir Path dir) throws Exception {
        RecordingContext first = new RecordingContext();
        first.outputDirectory = dir.resolve("first");
        RunResult pretrained = kind.run(run(5, Map.of()), first);
        Path checkpoint = first.artifacts.get("checkpoint");

        RecordingContext second = new RecordingContext();
        second.outputDirectory = dir.resolve("second");
        RunResult reused = kind.run(run(5, Map.of("checkpoint", checkpoint.toString())), second);
        assertEquals(pretrained.results().get("denseAccuracy"), reused.results().get("denseAccuracy"),
                "the same model, so the same dense accuracy");
        assertTrue(series(second, "pretrainLoss").isEmpty(), "no pre-training");
        assertTrue(second.artifacts.isEmpty(), "nothing new written");
        assertEquals(Safetensors.sha256(checkpoint), second.provenance.get("checkpoint.sha256"));

        // a wider ViT cannot take the MLP's tensors: the error names a tensor and both shapes
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> kind.run(run(5, Map.of("checkpoint", dir.resolve("nope.safetensors").toString())),
                        new RecordingContext()));
        assertTrue(missing.getMessage().contains("nope.safetensors") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        RuntimeException misfit = assertThrows(RuntimeException.class,
                () -> kind.run(run(5, Map.of("checkpoint", checkpoint.toString(), "architecture", "vit")),
                        new RecordingContext()));
        assertTrue(misfit.getMessage().contains("checkpoint") || misfit.getMessage().contains("expects"),
                misfit.getMessage());
    }
}
