package org.sparsitystudio.experiments.kinds.randompruning;

import java.util.List;
import java.util.Locale;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.FashionMnistChoice;
import org.sparsitystudio.experiments.data.LastLoaded;
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
import org.sparsitystudio.experiments.training.TrainingParameters;
import org.sparsitystudio.kernels.sparsity.SparsityDistribution;

/**
 * The random-pruning scaling study (Liu et al., ICLR 2022) as an experiment kind: networks pruned
 * at random at initialisation with uniform, ER or ERK layer-wise densities, trained from scratch
 * on Fashion-MNIST, across widths, depths and sparsities.
 */
public final class RandomPruningKind implements ExperimentKind {

    /** The stable id stored in designs and the database. */
    public static final String ID = "random-pruning-scaling";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choiceParam("architecture", "mlp", "mlp", "cnn").label("Architecture")
                    .help("MLP: 784-300w-100w…-10. CNN: 3×3 convolutions at 16w and 32w channels, then a linear head.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.doubleParam("width", 1.0).range(0.05, 16).unit("×").label("Width multiplier")
                    .help("Scales every hidden layer (MLP units, CNN channels).").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("depth", 2).range(1, 6).unit("layers").label("Depth")
                    .help("MLP: hidden layers (2 is the reference MLP). CNN: convolutions after the first.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.doubleParam("sparsity", 0.9).range(0, 0.99).unit("fraction").label("Sparsity")
                    .help("Share of the prunable weights removed at initialisation; 0 is the dense network.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("distribution", "erk", "uniform", "er", "erk").label("Layer-wise distribution")
                    .help("How the sparsity is spread over layers: the same everywhere (uniform), or favouring "
                            + "small layers (ER, ERK).").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.booleanParam("firstLayerDense", false).label("First layer dense")
                    .help("Keep the input layer dense and spread the sparsity over the rest.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("epochs", 2).range(1, 200).unit("epochs").label("Epochs")
                    .help("Passes over the training set.").group(ParameterGroup.TRAINING).build(),
            TrainingParameters.batchSize("Samples per step."),
            ParameterSpec.choiceParam("optimizer", "adam", "adam", "sgd").label("Optimizer")
                    .help("Adam, or SGD with Nesterov momentum 0.9 and weight decay 5e-4; both with a cosine schedule.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("learningRate", 0.001).range(1e-6, 10).label("Learning rate")
                    .help("Peak learning rate, annealed to 0 by a cosine schedule.").group(ParameterGroup.TRAINING).build(),
            FashionMnistChoice.parameter());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Random pruning at scale";
    }

    @Override
    public String description() {
        return "Prune a network at random before training and train it from scratch. As networks get wider "
                + "and deeper, the gap to their dense versions shrinks, and layer-wise ratios that favour "
                + "small layers (ER, ERK) beat uniform sparsity, most at high sparsity.";
    }

    @Override
    public String paper() {
        return "Liu, Chen, Chen, Atashgahi, Yin, Kou, Shen, Pechenizkiy, Wang, Mocanu: The Unreasonable "
                + "Effectiveness of Random Pruning. ICLR 2022";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.perStep("trainLoss", ""), MetricSpec.perStep("trainAccuracy", "fraction"),
                MetricSpec.perStep("testAccuracy", "fraction"), MetricSpec.result("finalTestAccuracy", "fraction"),
                MetricSpec.result("bestTestAccuracy", "fraction"), MetricSpec.result("parameters", "count"),
                MetricSpec.result("nonzeroParameters", "count"), MetricSpec.result("effectiveFlops", "FLOP/sample"),
                MetricSpec.result("denseFlops", "FLOP/sample"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec("Test accuracy vs sparsity", "sparsity", "finalTestAccuracy", "width", false, true),
                new ChartSpec("Test accuracy by distribution", "sparsity", "finalTestAccuracy", "distribution", false,
                        true),
                new ChartSpec("Test accuracy per epoch", ChartSpec.STEP, "testAccuracy", "sparsity", false, false));
    }

    /** SCIENCE.md §1's sweep: sparsity × width × distribution, seed from the design. */
    @Override
    public Design defaultDesign() {
        return Design.of(ID).withName("Random pruning: sparsity × width × distribution")
                .withAxis("sparsity", 0.0, 0.5, 0.8, 0.9, 0.95, 0.98)
                .withAxis("width", 0.25, 0.5, 1.0, 2.0, 4.0)
                .withAxis("distribution", "uniform", "erk");
    }

    /** Training FLOPs (3 × effective forward per sample × samples × epochs) and steps, on the full data set. */
    @Override
    public CostEstimate estimate(RunSpec run) {
        RandomPruningTrial trial = new RandomPruningTrial(config(run));
        double forward = org.sparsitystudio.kernels.count.FlopCounter.count(trial.model(),
                org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 784))
                .effectiveForwardFlops();
        int epochs = run.intValue("epochs");
        long steps = (long) epochs * ((60_000 + run.intValue("batchSize") - 1) / run.intValue("batchSize"));
        return CostEstimate.of(3 * forward * 60_000.0 * epochs, steps);
    }

    /** Each run's gap to the dense run (sparsity 0) of the same architecture, width, depth and seed. */
    @Override
    public List<java.util.Map<String, Double>> studyResults(List<RunSpec> runs, List<java.util.Map<String, Double>> results) {
        List<DenseGap.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Double accuracy = results.get(i).get("finalTestAccuracy");
            points.add(accuracy == null ? null : point(runs.get(i), accuracy));
        }
        DenseGap gaps = new DenseGap(points.stream().filter(java.util.Objects::nonNull).toList());
        List<java.util.Map<String, Double>> out = new java.util.ArrayList<>();
        for (DenseGap.Point p : points) {
            java.util.OptionalDouble gap = p == null ? java.util.OptionalDouble.empty() : gaps.gap(p);
            out.add(gap.isPresent() ? java.util.Map.of("gapToDense", gap.getAsDouble()) : java.util.Map.of());
        }
        return out;
    }

    private static DenseGap.Point point(RunSpec run, double accuracy) {
        return new DenseGap.Point(run.choice("architecture"), run.doubleValue("width"), run.intValue("depth"),
                run.seed(), run.doubleValue("sparsity"), accuracy);
    }

    /** Per-layer densities and weight counts of the run's network under its distribution. */
    @Override
    public java.util.Optional<org.sparsitystudio.experiments.spi.DesignPreview> preview(RunSpec run) {
        TrialConfig c = config(run);
        var shapes = c.architecture().shapes(c.width(), c.depth());
        double[] d = c.sparsity() == 0 ? java.util.Arrays.stream(new double[shapes.size()]).map(x -> 1).toArray()
                : c.distribution().densities(shapes, c.density(), c.firstLayerDense());
        List<org.sparsitystudio.experiments.spi.DesignPreview.Bar> bars = new java.util.ArrayList<>();
        long total = 0;
        long kept = 0;
        for (int i = 0; i < shapes.size(); i++) {
            var shape = shapes.get(i);
            long keep = Math.round(d[i] * shape.count());
            total += shape.count();
            kept += keep;
            bars.add(new org.sparsitystudio.experiments.spi.DesignPreview.Bar(
                    shape.name() + " " + shape.in() + "→" + shape.out(), 100 * d[i],
                    String.format(Locale.ROOT, "%,d of %,d weights kept", keep, shape.count())));
        }
        String title = String.format(Locale.ROOT, "Layer densities · %s at %s sparsity", run.choice("distribution")
                .toUpperCase(Locale.ROOT), ParameterSpec.formatNumber(100 * c.sparsity()) + " %");
        return java.util.Optional.of(new org.sparsitystudio.experiments.spi.DesignPreview(title, "%", bars,
                String.format(Locale.ROOT, "%,d of %,d weights kept (%.1f %%), width %s, depth %d", kept, total,
                        100.0 * kept / total, ParameterSpec.formatNumber(c.width()), c.depth())));
    }

    static TrialConfig config(RunSpec run) {
        return new TrialConfig(Architecture.parse(run.choice("architecture")), run.doubleValue("width"),
                run.intValue("depth"), run.doubleValue("sparsity"),
                SparsityDistribution.parse(run.choice("distribution")), run.booleanValue("firstLayerDense"),
                run.intValue("epochs"), run.intValue("batchSize"), run.choice("optimizer"),
                run.doubleValue("learningRate"), run.seed());
    }

    private final LastLoaded data = new LastLoaded();

    private FashionMnist load(DataSource source) {
        return data.get(source);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        DataSource source = FashionMnistChoice.source(spec);
        FashionMnist data = load(source);
        context.log("data: " + data.origin().describe());
        org.sparsitystudio.experiments.run.Provenance.ofData(data.origin()).forEach(context::provenance);
        RandomPruningTrial trial = new RandomPruningTrial(config(spec));
        context.log(String.format(Locale.ROOT, "layer densities: %s", trial.layerDensities()));
        int epochs = spec.intValue("epochs");
        TrialResult r = trial.run(data, e -> {
            context.metric("trainLoss", e.epoch(), e.trainLoss());
            context.metric("trainAccuracy", e.epoch(), e.trainAccuracy());
            context.metric("testAccuracy", e.epoch(), e.testAccuracy());
            context.progress((double) e.epoch() / epochs);
        }, context::progress, context::isCancelled);
        return RunResult.empty().with("finalTestAccuracy", r.finalTestAccuracy())
                .with("bestTestAccuracy", r.bestTestAccuracy()).with("parameters", r.parameters())
                .with("nonzeroParameters", r.nonzeroParameters()).with("effectiveFlops", r.effectiveFlops())
                .with("denseFlops", r.denseFlops());
    }
}
