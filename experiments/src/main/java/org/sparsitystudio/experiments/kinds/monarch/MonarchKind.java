package org.sparsitystudio.experiments.kinds.monarch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.FashionMnistChoice;
import org.sparsitystudio.experiments.data.LastLoaded;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.CostEstimate;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.ParameterGroup;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.training.TrainingParameters;
import org.sparsitystudio.kernels.count.FlopCounter;

/**
 * Monarch matrices (Dao et al., ICML 2022) as an experiment kind: an MLP on Fashion-MNIST whose
 * hidden layers are Monarch layers, against dense layers and against random unstructured sparsity
 * and low rank with the same parameter count; trained from scratch, or projected from a trained
 * dense model and fine-tuned. The small ViT takes the same choices in its blocks' MLP and/or
 * attention projections, trained from scratch.
 */
public final class MonarchKind implements ExperimentKind {

    /** The stable id stored in designs and the database. */
    public static final String ID = "monarch";

    /**
     * Result names of the per-layer projection errors are fixed up front (metrics are declared
     * before any run), so they are numbered by weight layer up to the deepest allowed model.
     */
    static final int MAX_DEPTH = 6;

    /** What a projection error is: the distance to the dense weights, relative to their size. */
    static final String PROJECTION_ERROR_UNIT = "‖W − P(W)‖F / ‖W‖F";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choiceParam("layer", "monarch", "monarch", "dense", "random-sparse", "low-rank")
                    .label("Layer").help("What the replaced layers become. random-sparse keeps exactly as many "
                            + "weights as the Monarch layer with these blocks has; low-rank uses the rank closest "
                            + "to that count.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("blocks", 32).range(1, 4096).label("Monarch blocks b")
                    .help("Blocks b of the Monarch factors (√n gives the fewest parameters, 2n√n); sets the "
                            + "parameter budget of random-sparse and low-rank; ignored for dense.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("replaced", "square", "square", "hidden").label("Replaced layers")
                    .help("square: the hidden-to-hidden layers; hidden: the input layer as well. The "
                            + "classifier head stays dense.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("where", "mlp", "mlp", "attention", "both").label("Replaced ViT layers")
                    .help("vit only: the blocks' MLP projections fc1/fc2, their attention projections qkv/proj, or "
                            + "both; patch embedding and head stay dense.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("architecture", "mlp", "mlp", "vit").label("Architecture")
                    .help("mlp: 784 → hidden (× depth) → 10 (hidden, depth and replaced apply). vit: patch 7, width "
                            + "64, 2 blocks, 4 heads, MLP 128, from scratch only, blocks ≤ 64 (where applies).")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("hidden", 1024).range(8, 8192).unit("units").label("Hidden width")
                    .help("Width of every hidden layer.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("depth", 2).range(2, MAX_DEPTH).unit("layers").label("Hidden layers")
                    .help("784 → hidden (× depth) → 10; depth 2 has one square layer.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.choiceParam("mode", "from-scratch", "from-scratch", "project-dense").label("Mode")
                    .help("from-scratch: structured from initialisation. project-dense: train a dense MLP, "
                            + "project its replaced layers onto the structure, evaluate, then fine-tune.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("epochs", 2).range(1, 200).unit("epochs").label("Epochs")
                    .help("Passes over the training set (of the dense model in project-dense mode).")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("fineTuneEpochs", 1).range(0, 50).unit("epochs").label("Fine-tune epochs")
                    .help("project-dense only: epochs after the projection; 0 evaluates the projection alone.")
                    .group(ParameterGroup.TRAINING).build(),
            TrainingParameters.batchSize("Samples per step."),
            ParameterSpec.choiceParam("optimizer", "adam", "adam", "sgd").label("Optimizer")
                    .help("Adam (the reference MLP recipe), or SGD with Nesterov momentum 0.9 and weight decay 5e-4.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("learningRate", 0.001).range(1e-6, 10).label("Learning rate")
                    .help("Constant learning rate.").group(ParameterGroup.TRAINING).build(),
            FashionMnistChoice.parameter());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Monarch matrices";
    }

    @Override
    public String description() {
        return "Replace an MLP's hidden layers (or a small ViT's projections) by Monarch matrices, products of two block-diagonal factors "
                + "with a fixed permutation between them, and compare them with dense layers and with random "
                + "sparsity and low rank at the same parameter count, trained from scratch or projected from "
                + "a trained dense model and fine-tuned.";
    }

    @Override
    public String paper() {
        return "Dao, Chen, Sohoni, Desai, Poli, Grogan, Liu, Rao, Rudra, Ré: Monarch: Expressive Structured "
                + "Matrices for Efficient and Accurate Training. ICML 2022";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<MetricSpec> metrics() {
        List<MetricSpec> m = new ArrayList<>(List.of(MetricSpec.perStep("trainLoss", ""),
                MetricSpec.perStep("trainAccuracy", "fraction"), MetricSpec.perStep("testAccuracy", "fraction"),
                MetricSpec.result("finalTestAccuracy", "fraction"), MetricSpec.result("parameters", "count"),
                MetricSpec.result("structuredParameters", "count"),
                MetricSpec.result("effectiveFlops", "FLOP/sample"), MetricSpec.result("denseAccuracy", "fraction"),
                MetricSpec.result("accuracyBeforeFineTune", "fraction"),
                MetricSpec.result("projectionError", PROJECTION_ERROR_UNIT)));
        for (int layer = 1; layer <= MAX_DEPTH; layer++) {
            m.add(MetricSpec.result(projectionErrorName(layer), PROJECTION_ERROR_UNIT));
        }
        return List.copyOf(m);
    }

    /** The result name of weight layer {@code number}'s projection error (1 = the input layer). */
    public static String projectionErrorName(int number) {
        return "projectionErrorLayer" + number;
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec("Test accuracy vs blocks", "blocks", "finalTestAccuracy", "layer", true, true),
                new ChartSpec("Parameters of the replaced layers vs blocks", "blocks", "structuredParameters", "layer",
                        true, false),
                new ChartSpec("Projection error vs blocks", "blocks", "projectionError", "layer", true, true),
                new ChartSpec("Accuracy right after projection vs blocks", "blocks", "accuracyBeforeFineTune", "layer",
                        true, true),
                new ChartSpec("Test accuracy per epoch", ChartSpec.STEP, "testAccuracy", "layer", false, true));
    }

    /**
     * SCIENCE.md §5's comparison: blocks {2, 4, 8, 32} (32 = √1024) × the four layer choices on the
     * 784-1024-1024-10 MLP, both trained from scratch for 2 epochs and projected from a dense model
     * trained for 2 epochs, then fine-tuned for 1, so that the projection-error charts have data
     * (32 runs). Dense ignores the block count, so its four runs per mode differ only in their
     * seeds: the dense line shows the seed-to-seed spread around the reference. Projected onto
     * dense, a model is unchanged (error 0).
     */
    @Override
    public Design defaultDesign() {
        return Design.of(ID).withName("Monarch vs dense, random sparse and low rank at equal parameters")
                .withAxis("mode", "from-scratch", "project-dense")
                .withAxis("layer", "dense", "monarch", "random-sparse", "low-rank")
                .withAxis("blocks", 2, 4, 8, 32);
    }

    /**
     * Training FLOPs counted from the layer sizes (no model is built) and steps, on the full data
     * set; in project mode the first epochs train the dense model.
     */
    @Override
    public CostEstimate estimate(RunSpec run) {
        MonarchConfig c = config(run);
        if (c.architecture() == MonarchConfig.Architecture.VIT) {
            // attention and token counts make a closed form long; the ViT is small enough to build
            double forward = FlopCounter.count(StructuredVit.build(c).model(),
                    Nd4j.zeros(DataType.FLOAT, 1, FashionMnist.FEATURES)).effectiveForwardFlops();
            long steps = (long) c.epochs() * ((60_000 + c.batchSize() - 1) / c.batchSize());
            return CostEstimate.of(3 * 60_000.0 * forward * c.epochs(), steps);
        }
        double structured = forwardFlops(c);
        double flops = 3 * 60_000.0 * structured * c.epochs();
        if (c.mode() == MonarchConfig.Mode.PROJECT_DENSE) {
            flops = 3 * 60_000.0 * (forwardFlops(c.withLayer(LayerChoice.DENSE)) * c.epochs()
                    + structured * c.fineTuneEpochs());
        }
        long steps = (long) c.totalEpochs() * ((60_000 + c.batchSize() - 1) / c.batchSize());
        return CostEstimate.of(flops, steps);
    }

    private static double forwardFlops(MonarchConfig c) {
        double forward = 0;
        int previous = 784;
        for (int number = 1; number <= c.depth() + 1; number++) {
            boolean head = number == c.depth() + 1;
            int out = head ? 10 : c.hidden();
            boolean replace = !head && (number > 1 || c.scope() == MonarchConfig.Scope.HIDDEN);
            long weights = !replace || c.layer() == LayerChoice.DENSE ? (long) previous * out
                    : c.layer() == LayerChoice.LOW_RANK
                            ? (long) StructuredMlp.lowRank(previous, out, c.blocks()) * (previous + out)
                            : StructuredMlp.budget(previous, out, c.blocks());
            forward += 2.0 * weights + out;
            previous = out;
        }
        return forward;
    }

    /**
     * The run's configuration.
     *
     * @throws org.sparsitystudio.experiments.spi.ParameterException for combinations the ViT does
     *         not run (project-dense, too many blocks, a random mask above its layer's size)
     */
    @Override
    public java.util.Optional<org.sparsitystudio.experiments.spi.DesignPreview> preview(RunSpec run) {
        try {
            return java.util.Optional.of(MonarchStructurePreview.of(config(run)));
        } catch (org.sparsitystudio.experiments.spi.ParameterException e) {
            return java.util.Optional.empty();
        }
    }

    static MonarchConfig config(RunSpec run) {
        return new MonarchConfig(LayerChoice.parse(run.choice("layer")), run.intValue("blocks"), run.intValue("hidden"),
                run.intValue("depth"), MonarchConfig.Scope.parse(run.choice("replaced")),
                MonarchConfig.Mode.parse(run.choice("mode")), run.intValue("epochs"), run.intValue("fineTuneEpochs"),
                run.intValue("batchSize"), run.choice("optimizer"), run.doubleValue("learningRate"), run.seed(),
                MonarchConfig.Architecture.parse(run.choice("architecture")),
                MonarchConfig.Where.parse(run.choice("where")));
    }

    private final LastLoaded data = new LastLoaded();

    private FashionMnist load(DataSource source) {
        return data.get(source);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        MonarchConfig config = config(spec);
        DataSource source = FashionMnistChoice.source(spec);
        FashionMnist data = load(source);
        context.log("data: " + data.origin().describe());
        Provenance.ofData(data.origin()).forEach(context::provenance);
        if (config.architecture() == MonarchConfig.Architecture.VIT) {
            context.log(String.format(Locale.ROOT, "ViT: %s of every block as %s", StructuredVit.roles(config.where()),
                    config.layer().id()));
        }
        int total = config.totalEpochs();
        MonarchTrialResult r = new MonarchTrial(config).run(data, e -> {
            context.metric("trainLoss", e.epoch(), e.trainLoss());
            context.metric("trainAccuracy", e.epoch(), e.trainAccuracy());
            context.metric("testAccuracy", e.epoch(), e.testAccuracy());
            context.progress((double) e.epoch() / total);
        }, (dense, projected, errors) -> context.log(String.format(Locale.ROOT,
                "dense accuracy %.4f, after projection onto %s %.4f, errors by layer %s", dense,
                config.layer().id(), projected, errors)), context::progress, context::isCancelled);
        context.log(String.format(Locale.ROOT, "%,d nonzero parameters, %,d in the replaced layers",
                r.parameters(), r.structuredParameters()));
        if (!r.monarchFactors().isEmpty() && !context.isCancelled()) {
            List<Matrix> images = new ArrayList<>();
            r.monarchFactors().forEach((name, factors) -> images.addAll(MonarchImages.of(name,
                    MonarchImages.describe(name), factors)));
            MatrixArtifact.report(context, "monarch-factors.safetensors", images);
        }
        RunResult result = RunResult.empty().with("finalTestAccuracy", r.finalTestAccuracy())
                .with("parameters", r.parameters()).with("structuredParameters", r.structuredParameters())
                .with("effectiveFlops", r.effectiveFlops());
        if (config.mode() == MonarchConfig.Mode.PROJECT_DENSE) {
            result = result.with("denseAccuracy", r.denseAccuracy())
                    .with("accuracyBeforeFineTune", r.accuracyBeforeFineTune())
                    .with("projectionError", r.meanProjectionError());
            for (Map.Entry<Integer, Double> e : r.projectionErrors().entrySet()) {
                result = result.with(projectionErrorName(e.getKey()), e.getValue());
            }
        }
        return result;
    }
}
