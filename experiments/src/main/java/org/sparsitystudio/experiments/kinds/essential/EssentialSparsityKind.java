package org.sparsitystudio.experiments.kinds.essential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.FashionMnistChoice;
import org.sparsitystudio.experiments.data.LastLoaded;
import org.sparsitystudio.experiments.pretraining.Backbone;
import org.sparsitystudio.experiments.pretraining.LinearProbe;
import org.sparsitystudio.experiments.pretraining.Objective;
import org.sparsitystudio.experiments.pretraining.PretrainCheckpoint;
import org.sparsitystudio.experiments.pretraining.PretrainConfig;
import org.sparsitystudio.experiments.pretraining.Pretrained;
import org.sparsitystudio.experiments.pretraining.Pretraining;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.CostEstimate;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.ParameterGroup;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.spi.SweepAxis;
import org.sparsitystudio.experiments.training.TrainingParameters;
import org.sparsitystudio.kernels.io.Safetensors;

/**
 * Essential sparsity (Jaiswal et al., NeurIPS 2023) as an experiment kind. One run pre-trains a
 * model (supervised or by masked-patch reconstruction, on a share of Fashion-MNIST), saves it as a
 * checkpoint artifact, then prunes it one-shot by weight magnitude at every sparsity of a grid and
 * measures test accuracy at each, and finds the knee where accuracy starts to fall.
 *
 * <p>Per grid level {@code i} the run reports the per-step metrics {@code sparsityLevel},
 * {@code prunedAccuracy} and {@code modelSparsity} at step {@code i}, so that a chart can pair
 * them ({@link ChartSpec#metricVsMetric}). Besides the declared results it reports one result per
 * pruned layer, {@code layerSparsityAtKnee.<layer>} (for example
 * {@code layerSparsityAtKnee.blocks.0.attn.qkv}): the share of that layer's weights pruned at the
 * tolerance knee, which shows where global pruning takes its sparsity from. These are not declared
 * as metrics because their names depend on the model.
 */
public final class EssentialSparsityKind implements ExperimentKind {

    /** The stable id stored in designs and the database. */
    public static final String ID = "essential-sparsity";
    /** Prefix of the per-layer results at the knee. */
    public static final String LAYER_SPARSITY_PREFIX = "layerSparsityAtKnee.";
    /** SCIENCE.md §2's grid: 0 to 0.90 by 0.05, then 0.95, 0.98, 0.99. */
    public static final List<Double> DEFAULT_GRID = defaultGrid();
    /** Share of a run's progress spent pre-training, the rest sweeping (a rough split of the time). */
    private static final double PRETRAIN_SHARE = 0.6;

    private static List<Double> defaultGrid() {
        List<Double> grid = new ArrayList<>();
        for (int i = 0; i <= 18; i++) {
            // from integers, so that 0.15 is the double nearest 0.15 and not 3 × 0.05
            grid.add(i * 5 / 100.0);
        }
        grid.addAll(List.of(0.95, 0.98, 0.99));
        return List.copyOf(grid);
    }

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choiceParam("architecture", "mlp", "mlp", "vit").label("Architecture")
                    .help("mlp: the reference 784-300-100-10 MLP. vit: a small vision transformer on 28×28 patches.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("patch", 4).range(1, 28).unit("pixels").label("ViT patch size")
                    .help("Side of a ViT patch; must divide 28 (4 or 7).").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("dim", 64).range(4, 1024).label("ViT width")
                    .help("Token width of the ViT.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("depth", 2).range(1, 24).unit("blocks").label("ViT depth")
                    .help("Transformer blocks of the ViT.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("heads", 4).range(1, 64).label("ViT heads")
                    .help("Attention heads; must divide the width.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("mlpHidden", 128).range(4, 8192).label("ViT MLP width")
                    .help("Hidden width of each block's MLP.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.choiceParam("objective", "supervised", "supervised", "mae").label("Pre-training objective")
                    .help("supervised: classification. mae: masked-patch reconstruction (ViT only), read through a "
                            + "linear probe.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("epochs", 3).range(1, 200).unit("epochs").label("Pre-training epochs")
                    .help("Passes over the training share during pre-training.").group(ParameterGroup.TRAINING).build(),
            TrainingParameters.batchSize("Samples per pre-training step."),
            ParameterSpec.doubleParam("learningRate", 0.001).range(1e-6, 1).label("Learning rate")
                    .help("Adam's constant learning rate during pre-training.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("maskRatio", 0.75).range(0.05, 0.95).unit("fraction").label("Mask ratio")
                    .help("Share of each image's patches hidden in masked-patch pre-training.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.numberListParam("grid", DEFAULT_GRID).range(0, 1).unit("fraction").label("Sparsity grid")
                    .help("Sparsities at which the pre-trained model is pruned and evaluated; increasing, from 0.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("scope", "global", "global", "layerwise").label("Pruning scope")
                    .help("global: one magnitude threshold over all pruned layers. layerwise: the same sparsity in "
                            + "each layer.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("weights", "all", "all", "attention", "mlp").label("Pruned weights")
                    .help("Which linear layers are pruned: all, attention projections only, or MLP layers only.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.booleanParam("keepEmbeddingsAndHeadDense", true).label("Keep embedding and head dense")
                    .help("Leave the patch embedding and the classifier head (the MLP's last layer) unpruned.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.booleanParam("refitProbe", false).label("Re-fit probe per level")
                    .help("For mae: fit the linear probe again on each pruned model's features instead of keeping "
                            + "the one fitted on the dense model.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("fineTuneEpochs", 0).range(0, 100).unit("epochs").label("Fine-tune epochs")
                    .help("Supervised fine-tuning after pruning with the mask fixed (0: evaluate at once, mode A).")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("fineTuneLearningRate", 0.0001).range(1e-7, 1).label("Fine-tune learning rate")
                    .help("Adam's constant learning rate while fine-tuning.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("tolerance", 0.01).range(0, 1).unit("fraction").label("Knee tolerance τ")
                    .help("Essential sparsity is the largest grid sparsity up to which accuracy stays within τ of "
                            + "the dense accuracy (0.01 = 1 percentage point).").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("dataFraction", 1.0).range(0.001, 1).unit("fraction").label("Data fraction")
                    .help("Class-balanced share of the training set used for pre-training (and probes, fine-tuning).")
                    .group(ParameterGroup.DATA).build(),
            FashionMnistChoice.parameter(),
            ParameterSpec.textParam("checkpoint", "").label("Checkpoint")
                    .help("Path of a safetensors checkpoint to prune instead of pre-training (empty: pre-train). "
                            + "The architecture, objective, ViT shape and pre-training settings then come from its "
                            + "metadata and the ones above are not used; the studio offers the checkpoints of stored "
                            + "runs.")
                    .artifactKind("checkpoint").group(ParameterGroup.MODEL).build());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Essential sparsity";
    }

    @Override
    public String description() {
        return "Pre-train a model, then prune it in one shot by weight magnitude at a grid of sparsities without "
                + "retraining. Accuracy stays flat up to a knee, the essential sparsity, then falls fast. Compare "
                + "global with layer-wise pruning, supervised with self-supervised pre-training, and more with "
                + "less pre-training data.";
    }

    @Override
    public String paper() {
        return "Jaiswal, Liu, Chen, Wang: The Emergence of Essential Sparsity in Large Pre-trained Models: The Weights "
                + "that Matter. NeurIPS 2023";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.perStep("pretrainLoss", ""), MetricSpec.perStep("pretrainTestAccuracy", "fraction"),
                MetricSpec.perStep("sparsityLevel", "fraction"), MetricSpec.perStep("prunedAccuracy", "fraction"),
                MetricSpec.perStep("modelSparsity", "fraction"), MetricSpec.result("denseAccuracy", "fraction"),
                MetricSpec.result("essentialSparsity", "fraction"), MetricSpec.result("kneedleSparsity", "fraction"),
                MetricSpec.result("accuracyAtKnee", "fraction"), MetricSpec.result("accuracyAtKneedle", "fraction"),
                MetricSpec.result("prunableWeights", "count"));
    }

    @Override
    public List<ChartSpec> charts() {
        // the default design sweeps the data fraction, so the first chart colours by it
        return List.of(
                ChartSpec.metricVsMetric("Test accuracy after one-shot pruning, by pre-training data fraction",
                        "sparsityLevel", "prunedAccuracy", "dataFraction", false, true),
                ChartSpec.metricVsMetric("Test accuracy after one-shot pruning, by pre-training objective",
                        "sparsityLevel", "prunedAccuracy", "objective", false, true),
                ChartSpec.metricVsMetric("Test accuracy after one-shot pruning, global vs layer-wise", "sparsityLevel",
                        "prunedAccuracy", "scope", false, true),
                new ChartSpec("Essential sparsity (tolerance knee) vs pre-training data fraction", "dataFraction",
                        "essentialSparsity", "objective", true, true),
                new ChartSpec("Pre-training loss", ChartSpec.STEP, "pretrainLoss", "objective", false, true));
    }

    /** SCIENCE.md §2's defaults: the MLP, global pruning, data fractions 0.1, 0.3 and 1, three seeds. */
    @Override
    public Design defaultDesign() {
        return Design.of(ID).withName("Essential sparsity: data fraction × 3 seeds")
                .withAxis("dataFraction", 0.1, 0.3, 1.0)
                .withAxis(SweepAxis.seeds(1, 2, 3));
    }

    /**
     * Pre-training FLOPs (3 × forward per sample) plus one test-set pass per grid level, on the full
     * data set. A run that prunes a stored checkpoint costs only the passes, at the size of the
     * model its metadata describes (the run's own model when the file cannot be read yet).
     */
    @Override
    public CostEstimate estimate(RunSpec run) {
        PretrainConfig config = config(run);
        String checkpoint = run.value("checkpoint").toString();
        if (!checkpoint.isEmpty()) {
            try {
                config = PretrainCheckpoint.config(Path.of(checkpoint), config);
            } catch (RuntimeException unreadable) {
                // the run itself reports it; an estimate only sizes the work
            }
        }
        double forward = org.sparsitystudio.kernels.count.FlopCounter.count(config.buildModel(),
                org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, FashionMnist.FEATURES))
                .forwardFlops();
        double sweep = forward * 10_000.0 * run.numberList("grid").size();
        if (!checkpoint.isEmpty()) {
            return CostEstimate.of(sweep, 0);
        }
        double samples = Math.round(60_000 * config.dataFraction());
        long steps = (long) config.epochs() * (long) Math.ceil(samples / config.batchSize());
        return CostEstimate.of(3 * forward * samples * config.epochs() + sweep, steps);
    }

    static PretrainConfig config(RunSpec run) {
        Backbone backbone = Backbone.parse(run.choice("architecture"));
        // the ViT's shape is checked only when a ViT is built: an MLP run ignores it
        return new PretrainConfig(backbone, Objective.parse(run.choice("objective")),
                run.intValue("epochs"), run.doubleValue("dataFraction"), run.intValue("batchSize"),
                run.doubleValue("learningRate"), run.doubleValue("maskRatio"),
                backbone == Backbone.VIT ? PretrainConfig.smallVit(run.intValue("patch"), run.intValue("dim"),
                        run.intValue("depth"), run.intValue("heads"), run.intValue("mlpHidden")) : null, run.seed());
    }

    static SparsitySweep.Options options(RunSpec run) {
        return new SparsitySweep.Options(PruningScope.parse(run.choice("scope")), WeightSelection.parse(run.choice("weights")),
                run.booleanValue("keepEmbeddingsAndHeadDense"), run.booleanValue("refitProbe"),
                run.intValue("fineTuneEpochs"), run.doubleValue("fineTuneLearningRate"), run.intValue("batchSize"));
    }

    /** The grid as an array, checked before any training so that a bad grid fails at once. */
    static double[] grid(RunSpec run) {
        List<Double> values = run.numberList("grid");
        double[] grid = values.stream().mapToDouble(Double::doubleValue).toArray();
        if (grid.length < 2 || grid[0] != 0) {
            throw new IllegalArgumentException("the sparsity grid must start at 0 (the dense model) and have at least "
                    + "two levels, got " + values);
        }
        for (int i = 1; i < grid.length; i++) {
            if (!(grid[i] > grid[i - 1])) {
                throw new IllegalArgumentException("the sparsity grid must be strictly increasing, got " + values);
            }
        }
        return grid;
    }

    private final LastLoaded data = new LastLoaded();

    private FashionMnist load(DataSource source) {
        return data.get(source);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        double[] grid = grid(spec);
        PretrainConfig config = config(spec);
        SparsitySweep.Options options = options(spec);
        double tolerance = spec.doubleValue("tolerance");
        FashionMnist data = load(FashionMnistChoice.source(spec));
        context.log("data: " + data.origin().describe());
        Provenance.ofData(data.origin()).forEach(context::provenance);

        String checkpoint = spec.value("checkpoint").toString();
        Pretrained pretrained;
        if (checkpoint.isEmpty()) {
            pretrained = pretrain(config, data, context);
        } else {
            pretrained = loaded(config, data, Path.of(checkpoint), context);
            config = pretrained.config();
        }

        LinearProbe probe = null;
        if (config.objective() == Objective.MAE) {
            probe = new LinearProbe(pretrained.model(), config.seed());
            double fit = probe.fit(pretrained.trainSet(), context::isCancelled);
            context.log(String.format(Locale.ROOT, "linear probe on the dense features: training accuracy %.4f", fit));
        }
        context.throwIfCancelled();

        SparsitySweep sweep = new SparsitySweep(pretrained, data.test(), options, probe);
        context.log("pruned layers: " + String.join(", ", sweep.pruner().layerNames()) + " ("
                + sweep.pruner().prunableWeights() + " weights)");
        List<SparsitySweep.Level> levels = sweep.run(grid, level -> {
            context.metric("sparsityLevel", level.index(), level.sparsity());
            context.metric("prunedAccuracy", level.index(), level.accuracy());
            context.metric("modelSparsity", level.index(), level.modelSparsity());
            context.progress(PRETRAIN_SHARE + (1 - PRETRAIN_SHARE) * (level.index() + 1) / grid.length);
        }, context::isCancelled);
        return results(sweep, grid, levels, tolerance, context);
    }

    /**
     * A stored checkpoint in place of pre-training. The model is described by the file's metadata
     * (architecture, objective, ViT shape; the run's values fill in training settings it lacks),
     * built from that description and the file's tensors loaded into it, so a file whose tensors
     * do not fit its metadata says which tensor and which shapes.
     *
     * @throws org.sparsitystudio.kernels.io.CheckpointException naming the file when it is missing,
     *         not a checkpoint, or does not fit
     */
    private static Pretrained loaded(PretrainConfig runConfig, FashionMnist data, Path file, RunContext context) {
        PretrainConfig config = PretrainCheckpoint.config(file, runConfig);
        if (config.backbone() != runConfig.backbone() || config.objective() != runConfig.objective()) {
            context.log("checkpoint: holds " + config.backbone().id() + " / " + config.objective().id()
                    + "; the run's architecture and objective (" + runConfig.backbone().id() + " / "
                    + runConfig.objective().id() + ") are not used");
        }
        var model = config.buildModel();
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> extras = PretrainCheckpoint.load(file, model);
        String sha256 = Safetensors.sha256(file);
        context.provenance("checkpoint.source", file.toAbsolutePath().toString());
        context.provenance("checkpoint.sha256", sha256);
        context.log("checkpoint: loaded " + file.toAbsolutePath() + " (SHA-256 " + sha256 + "), no pre-training; "
                + config.metadata());
        context.progress(PRETRAIN_SHARE);
        return new Pretrained(config, model, data.train().balancedSubset(config.dataFraction(), config.seed()), extras);
    }

    private static Pretrained pretrain(PretrainConfig config, FashionMnist data, RunContext context) {
        Pretrained pretrained = Pretraining.run(config, data, new Pretraining.Listener() {
            @Override
            public void epoch(int epoch, double trainLoss, double testAccuracy) {
                context.metric("pretrainLoss", epoch, trainLoss);
                if (!Double.isNaN(testAccuracy)) {
                    context.metric("pretrainTestAccuracy", epoch, testAccuracy);
                }
                context.log(String.format(Locale.ROOT, "pre-training epoch %d: loss %.4f%s", epoch, trainLoss,
                        Double.isNaN(testAccuracy) ? "" : String.format(Locale.ROOT, ", test accuracy %.4f", testAccuracy)));
                context.progress(PRETRAIN_SHARE * epoch / config.epochs());
                context.throwIfCancelled();
            }

            @Override
            public void progress(double fraction) {
                context.progress(PRETRAIN_SHARE * fraction);
            }
        }, context::isCancelled);

        Path file = context.outputDirectory().resolve(PretrainCheckpoint.FILE_NAME);
        Safetensors.Written written = PretrainCheckpoint.save(pretrained, file);
        context.artifact("checkpoint", written.path());
        context.provenance("checkpoint.sha256", written.sha256());
        context.log(String.format(Locale.ROOT, "checkpoint: %s (%,d bytes, SHA-256 %s)", written.path(), written.bytes(),
                written.sha256()));
        return pretrained;
    }

    private static RunResult results(SparsitySweep sweep, double[] grid, List<SparsitySweep.Level> levels,
            double tolerance, RunContext context) {
        double[] accuracy = levels.stream().mapToDouble(SparsitySweep.Level::accuracy).toArray();
        double knee = KneeDetection.toleranceKnee(grid, accuracy, tolerance);
        int kneeIndex = java.util.Arrays.binarySearch(grid, knee);
        RunResult result = RunResult.empty().with("denseAccuracy", accuracy[0]).with("essentialSparsity", knee)
                .with("accuracyAtKnee", accuracy[kneeIndex])
                .with("prunableWeights", sweep.pruner().prunableWeights());
        double min = java.util.Arrays.stream(accuracy).min().orElseThrow();
        double max = java.util.Arrays.stream(accuracy).max().orElseThrow();
        if (max > min) {
            double kneedle = KneeDetection.kneedle(grid, accuracy);
            result = result.with("kneedleSparsity", kneedle)
                    .with("accuracyAtKneedle", accuracy[java.util.Arrays.binarySearch(grid, kneedle)]);
        } else {
            context.log("accuracy is the same at every level: Kneedle has no knee");
        }
        for (Map.Entry<String, Double> e : sweep.pruner().layerSparsity(sweep.pruner().masks(knee)).entrySet()) {
            result = result.with(LAYER_SPARSITY_PREFIX + e.getKey(), e.getValue());
        }
        context.log(String.format(Locale.ROOT, "dense accuracy %.4f; essential sparsity (τ = %s) %s at accuracy %.4f",
                accuracy[0], ParameterSpec.formatNumber(tolerance), ParameterSpec.formatNumber(knee), accuracy[kneeIndex]));
        return result;
    }
}
