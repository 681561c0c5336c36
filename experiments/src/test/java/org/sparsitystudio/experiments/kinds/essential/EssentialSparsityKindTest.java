package org.sparsitystudio.experiments.kinds.essential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.io.CheckpointException;
import org.sparsitystudio.kernels.io.Safetensors;
import org.sparsitystudio.kernels.io.StateDict;
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
    void aStoredCheckpointIsPrunedInsteadOfPretrainingWithTheModelItsMetadataDescribes(@TempDir Path dir)
            throws Exception {
        RecordingContext first = new RecordingContext();
        first.outputDirectory = dir.resolve("first");
        RunResult pretrained = kind.run(run(5, Map.of()), first);
        Path checkpoint = first.artifacts.get("checkpoint");

        // the run asks for a ViT, but the file holds the MLP: its metadata decides
        RecordingContext second = new RecordingContext();
        second.outputDirectory = dir.resolve("second");
        RunSpec reuse = run(9, Map.of("checkpoint", checkpoint.toString(), "architecture", "vit", "epochs", 50));
        RunResult reused = kind.run(reuse, second);
        assertEquals(pretrained.results().get("denseAccuracy"), reused.results().get("denseAccuracy"),
                "the same model, so the same dense accuracy");
        assertEquals(series(first, "prunedAccuracy"), series(second, "prunedAccuracy"));
        assertTrue(series(second, "pretrainLoss").isEmpty(), "no pre-training");
        assertTrue(second.artifacts.isEmpty(), "nothing new written");
        assertEquals(Safetensors.sha256(checkpoint), second.provenance.get("checkpoint.sha256"));
        assertEquals(checkpoint.toString(), second.provenance.get("checkpoint.source"));
        assertTrue(second.log.stream().anyMatch(l -> l.contains("holds mlp / supervised")), second.log.toString());
        assertEquals(1.0, second.progress, 1e-12);
        // pruning alone: no optimizer steps, far fewer FLOPs than 50 epochs of pre-training
        assertEquals(0, kind.estimate(reuse).steps());
        assertTrue(kind.estimate(reuse).flops() < kind.estimate(run(9, Map.of("epochs", 50))).flops() / 10);
    }

    @Test
    void aCheckpointThatIsMissingNotACheckpointOrMisfitFailsTheRunNamingWhy(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.safetensors");
        CheckpointException absent = assertThrows(CheckpointException.class,
                () -> kind.run(run(5, Map.of("checkpoint", missing.toString())), new RecordingContext()));
        assertTrue(absent.getMessage().contains(missing.toAbsolutePath().toString())
                && absent.getMessage().contains("does not exist"), absent.getMessage());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a checkpoint");
        CheckpointException notSafetensors = assertThrows(CheckpointException.class,
                () -> kind.run(run(5, Map.of("checkpoint", text.toString())), new RecordingContext()));
        assertTrue(notSafetensors.getMessage().contains("notes.txt")
                && notSafetensors.getMessage().contains("not safetensors"), notSafetensors.getMessage());

        // a safetensors file written elsewhere without the studio's metadata
        PretrainConfig mlp = EssentialSparsityKind.config(run(5, Map.of()));
        Map<String, INDArray> tensors = new LinkedHashMap<>(StateDict.tensors(mlp.buildModel()));
        Path bare = Safetensors.write(dir.resolve("bare.safetensors"), tensors, Map.of()).path();
        CheckpointException noMetadata = assertThrows(CheckpointException.class,
                () -> kind.run(run(5, Map.of("checkpoint", bare.toString())), new RecordingContext()));
        assertTrue(noMetadata.getMessage().contains("bare.safetensors")
                && noMetadata.getMessage().contains("no \"architecture\""), noMetadata.getMessage());

        // the MLP's metadata over a head that is too narrow: the tensor and both shapes are named
        String head = tensors.keySet().stream().filter(n -> n.endsWith(".weight")).reduce((a, b) -> b).orElseThrow();
        long[] expected = tensors.get(head).shape();
        long[] wrong = {expected[0], expected[1] / 2};
        tensors.put(head, Nd4j.zeros(DataType.FLOAT, wrong));
        Path misfit = Safetensors.write(dir.resolve("misfit.safetensors"), tensors, mlp.metadata()).path();
        RecordingContext context = new RecordingContext();
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> kind.run(run(5, Map.of("checkpoint", misfit.toString())), context));
        assertTrue(e.getMessage().contains("misfit.safetensors") && e.getMessage().contains(head + ": checkpoint has "
                + Arrays.toString(wrong) + ", model expects " + Arrays.toString(expected)), e.getMessage());
        assertTrue(context.metrics.isEmpty(), "nothing measured");
    }

    @Test
    void aCheckpointTravelsThroughDesignFilesAndNamesItsRuns() {
        String path = "/data/studio/runs/12/pretrained.safetensors";
        Design design = Design.of(EssentialSparsityKind.ID).withAxis("checkpoint", "", path);
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(design.sweep(), json.read(json.write(design)).sweep());
        List<RunSpec> runs = Sweeps.expand(design, kind);
        assertEquals("checkpoint=\"\"", runs.get(0).displayName());
        assertEquals("checkpoint=…a/studio/runs/12/pretrained.safetensors", runs.get(1).displayName());
        assertEquals(Sweeps.TEXT_LABEL_CHARS, runs.get(1).displayName().length() - "checkpoint=".length());
        assertEquals(path, runs.get(1).value("checkpoint"));
        assertEquals(java.util.Optional.of("checkpoint"), kind.parameter("checkpoint").orElseThrow().artifactKind());
    }
}
