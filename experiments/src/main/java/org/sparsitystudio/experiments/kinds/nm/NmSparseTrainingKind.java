package org.sparsitystudio.experiments.kinds.nm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.FashionMnistChoice;
import org.sparsitystudio.experiments.data.LastLoaded;
import org.sparsitystudio.experiments.kinds.randompruning.DenseGap;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.CostEstimate;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.ParameterException;
import org.sparsitystudio.experiments.spi.ParameterGroup;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.training.TrainingParameters;
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.nm.NmMethod;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * N:M sparse training (Bambhaniya et al., 2024) as an experiment kind: a small ViT or the
 * reference MLP on Fashion-MNIST with N:M masks on its MLP blocks, attention projections or both,
 * trained dense, with STE, SR-STE, or the decaying gradient-flow recipes MDGF (linear or
 * exponential mask decay) and SDGF (structure decay), every method for the same number of steps.
 *
 * <p>The pattern is two integer parameters, {@code n} and {@code m}, rather than one text
 * "2:4": a study's summary chart needs a numeric parameter on x, and sweeping {@code n} ∈ {1, 2}
 * against {@code m} ∈ {4, 8, 32} gives the usual patterns. "Accuracy vs sparsity" therefore plots
 * against M on a log axis, one series per method (and per N where N varies); the sparsity 1 − N/M
 * of each run is also reported as the result {@code sparsityLevel}.
 */
public final class NmSparseTrainingKind implements ExperimentKind {

    /** The stable id stored in designs and the database. */
    public static final String ID = "nm-sparse-training";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choiceParam("architecture", "vit", "vit", "mlp").label("Architecture")
                    .help("vit: patch 7, width 64, 2 blocks, 4 heads, MLP 128. mlp: 784-300-100-10 with both hidden "
                            + "layers N:M and the head dense.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.choiceParam("where", "mlp", "mlp", "attention", "both").label("Sparse ViT layers")
                    .help("Which ViT layers get N:M masks: the blocks' fc1/fc2, their qkv/proj, or both; the rest "
                            + "stays dense. Ignored by the MLP.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("n", 2).range(1, 255).label("N (kept per group)")
                    .help("Weights kept in every group of M consecutive inputs; must be less than M.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("m", 4).range(2, 256).label("M (group length)")
                    .help("Group length along the input dimension: 2:4 keeps half, 1:32 keeps 1/32.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("method", "sr-ste", "dense", "ste", "sr-ste", "mdgf-linear", "mdgf-exp", "sdgf")
                    .label("Method")
                    .help("dense baseline; STE; SR-STE (λ_W pulls pruned weights to 0); MDGF: pruned weights pass a "
                            + "decaying share β of their value (linear or exponential); SDGF: patterns tighten "
                            + "(M−1):M, M/2:M, …, N:M.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("denseFraction", 0).range(0, 0.9).unit("of steps").label("Dense phase f_d")
                    .help("Share of steps trained dense before masks start.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("fineTuneFraction", 0.1).range(0, 1).unit("of steps").label("Fine-tune phase f_ft")
                    .help("Share of steps at the end with the hard target mask (β = 0); the decay runs in between.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("lambdaW", 2e-4).range(0, 1).label("SR-STE λ_W")
                    .help("Strength of the pull λ_W (1 − E) ⊙ W on pruned weights, for SR-STE and SDGF.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("recomputeInterval", 1).range(1, 100_000).unit("steps").label("Mask interval")
                    .help("Steps between recomputations of the masks from the dense weights' magnitudes.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.intParam("epochs", 3).range(1, 200).unit("epochs").label("Epochs")
                    .help("Passes over the training set; the same budget for every method.")
                    .group(ParameterGroup.TRAINING).build(),
            TrainingParameters.batchSize("Samples per step."),
            ParameterSpec.doubleParam("learningRate", 0.001).range(1e-6, 10).label("Learning rate")
                    .help("Adam's peak learning rate, annealed to 0 by a cosine schedule.")
                    .group(ParameterGroup.TRAINING).build(),
            FashionMnistChoice.parameter());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "N:M sparse training";
    }

    @Override
    public String description() {
        return "Train with N:M structured sparsity from 2:4 down to 1:32. SR-STE works at 2:4 but degrades at high "
                + "sparsity from noisy gradients to pruned weights; letting pruned weights fade out (mask decay, "
                + "MDGF) or tightening the pattern step by step (structure decay, SDGF) keeps more accuracy at the "
                + "same training budget.";
    }

    @Override
    public String paper() {
        return "Bambhaniya et al., Progressive Gradient Flow for Robust N:M Sparsity Training in Transformers, 2024";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.perStep("trainLoss", ""), MetricSpec.perStep("testAccuracy", "fraction"),
                MetricSpec.perStep("flipRate", "fraction"), MetricSpec.perStep("gradNormKept", ""),
                MetricSpec.perStep("gradNormPruned", ""), MetricSpec.perStep("beta", ""),
                MetricSpec.perStep("keptPerGroup", "weights"), MetricSpec.result("finalTestAccuracy", "fraction"),
                MetricSpec.result("bestTestAccuracy", "fraction"), MetricSpec.result("sparsityLevel", "fraction"),
                MetricSpec.result("exactGroupShare", "fraction"), MetricSpec.result("maskedWeights", "count"));
    }

    /**
     * Accuracy against M (log axis) per method with seed bands, and per-epoch flip rate, gradient
     * to pruned weights and β per method.
     */
    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec("Final accuracy vs group length M", "m", "finalTestAccuracy", "method", true, true),
                new ChartSpec("Mask flip rate per epoch", ChartSpec.STEP, "flipRate", "method", false, true),
                new ChartSpec("Gradient norm reaching pruned weights", ChartSpec.STEP, "gradNormPruned", "method", false,
                        true),
                new ChartSpec("Test accuracy per epoch", ChartSpec.STEP, "testAccuracy", "method", false, true),
                new ChartSpec("β at the end of each epoch", ChartSpec.STEP, "beta", "method", false, false));
    }

    /**
     * SCIENCE.md §4's comparison, cut to run in minutes here: the ViT's MLP layers at 2:4 and 2:32,
     * dense, SR-STE, MDGF-exp and SDGF, two epochs on the embedded subset, seeds 1–2 (16 runs,
     * about 20 s each on a loaded two-core machine).
     */
    @Override
    public Design defaultDesign() {
        return Design.of(ID).withName("N:M: SR-STE vs MDGF vs SDGF at 2:4 and 2:32").withParameter("epochs", 2)
                .withParameter("data", "embedded").withParameter("n", 2).withAxis("m", 4, 32)
                .withAxis("method", "dense", "sr-ste", "mdgf-exp", "sdgf")
                .withAxis(org.sparsitystudio.experiments.spi.SweepAxis.seeds(1, 2));
    }

    /** Training FLOPs (3 × dense forward per sample × samples × epochs) and steps, on the full data set. */
    @Override
    public CostEstimate estimate(RunSpec run) {
        NmTrialConfig c = config(run);
        NmSparseTrial trial = new NmSparseTrial(c);
        // masks live on the dense latent weights, so training costs dense FLOPs whatever the pattern
        double forward = FlopCounter.count(trial.model(), Nd4j.zeros(DataType.FLOAT, 1, FashionMnist.FEATURES))
                .forwardFlops();
        long steps = (long) c.epochs() * ((60_000 + c.batchSize() - 1) / c.batchSize());
        return CostEstimate.of(3 * forward * 60_000.0 * c.epochs(), steps);
    }

    /** Each run's gap to the dense run of the same architecture and training settings (same seed where there is one). */
    @Override
    public List<Map<String, Double>> studyResults(List<RunSpec> runs, List<Map<String, Double>> results) {
        List<DenseGap.Point> points = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Double accuracy = results.get(i).get("finalTestAccuracy");
            points.add(accuracy == null ? null : point(runs.get(i), accuracy));
        }
        DenseGap gaps = new DenseGap(points.stream().filter(Objects::nonNull).toList());
        List<Map<String, Double>> out = new ArrayList<>();
        for (DenseGap.Point p : points) {
            OptionalDouble gap = p == null ? OptionalDouble.empty() : gaps.gap(p);
            out.add(gap.isPresent() ? Map.of("gapToDense", gap.getAsDouble()) : Map.of());
        }
        return out;
    }

    // a dense run ignores the pattern, the placement and the recipe's fractions, so runs are matched
    // on what a dense run shares with them: architecture and training settings
    private static DenseGap.Point point(RunSpec run, double accuracy) {
        String network = String.format(Locale.ROOT, "%s/e%d/b%d/lr%s/%s", run.choice("architecture"),
                run.intValue("epochs"), run.intValue("batchSize"), ParameterSpec.formatNumber(run.doubleValue("learningRate")),
                run.choice("data"));
        double sparsity = run.choice("method").equals(NmMethod.DENSE.id()) ? 0 : 1;
        return new DenseGap.Point(network, 1, 1, run.seed(), sparsity, accuracy);
    }

    @Override
    public java.util.Optional<org.sparsitystudio.experiments.spi.DesignPreview> preview(RunSpec run) {
        try {
            return java.util.Optional.of(NmPatternPreview.of(config(run)));
        } catch (ParameterException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The run's configuration.
     *
     * @throws ParameterException when N ≥ M, or f_d + f_ft &gt; 1
     */
    static NmTrialConfig config(RunSpec run) {
        int n = run.intValue("n");
        int m = run.intValue("m");
        if (n >= m) {
            throw new ParameterException("n", Integer.toString(n), "N must be less than M = " + m);
        }
        double fd = run.doubleValue("denseFraction");
        double fft = run.doubleValue("fineTuneFraction");
        if (fd + fft > 1) {
            throw new ParameterException("fineTuneFraction", ParameterSpec.formatNumber(fft),
                    "f_d + f_ft must not exceed 1 (f_d = " + ParameterSpec.formatNumber(fd) + ")");
        }
        return new NmTrialConfig(NmTrialConfig.Architecture.parse(run.choice("architecture")),
                NmTrialConfig.Where.parse(run.choice("where")), new NmPattern(n, m),
                NmMethod.parse(run.choice("method")), run.intValue("epochs"), fd, fft, run.doubleValue("lambdaW"),
                run.intValue("recomputeInterval"), run.intValue("batchSize"), run.doubleValue("learningRate"),
                run.seed());
    }

    // a sweep loads the same data set for every run, so a kind instance keeps the last one it loaded
    private final LastLoaded lastLoaded = new LastLoaded();

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        NmTrialConfig c = config(spec);
        FashionMnist data = lastLoaded.get(FashionMnistChoice.source(spec));
        context.log("data: " + data.origin().describe());
        Provenance.ofData(data.origin()).forEach(context::provenance);
        NmSparseTrial trial = new NmSparseTrial(c);
        context.log(String.format(Locale.ROOT, "%s at %s on %d layers (%s), f_d %s, f_ft %s", c.method(), c.pattern(),
                trial.targets().size(), c.architecture() == NmTrialConfig.Architecture.VIT ? c.where() : "MLP hidden",
                ParameterSpec.formatNumber(c.denseFraction()), ParameterSpec.formatNumber(c.fineTuneFraction())));
        NmSparseTrial.Result r = trial.run(data, e -> {
            context.metric("trainLoss", e.epoch(), e.trainLoss());
            context.metric("testAccuracy", e.epoch(), e.testAccuracy());
            reportIfFinite(context, "flipRate", e.epoch(), e.statistics().flipRate());
            reportIfFinite(context, "gradNormKept", e.epoch(), e.statistics().gradNormKept());
            reportIfFinite(context, "gradNormPruned", e.epoch(), e.statistics().gradNormPruned());
            context.metric("beta", e.epoch(), e.beta());
            context.metric("keptPerGroup", e.epoch(), e.keptPerGroup());
            context.progress((double) e.epoch() / c.epochs());
        }, context::progress, context::isCancelled);
        if (c.method() != NmMethod.DENSE && !context.isCancelled()) {
            MatrixArtifact.report(context, "nm-masks.safetensors", masks(trial, c));
        }
        RunResult result = RunResult.empty().with("finalTestAccuracy", r.finalTestAccuracy())
                .with("bestTestAccuracy", r.bestTestAccuracy()).with("sparsityLevel", c.sparsityLevel())
                .with("maskedWeights", r.maskedWeights());
        return Double.isNaN(r.exactGroupShare()) ? result : result.with("exactGroupShare", r.exactGroupShare());
    }

    /**
     * The final mask of every N:M layer (the hard-masked weights' nonzeros), rows = outputs and
     * columns = inputs, so each row's groups of M lie side by side.
     */
    static List<Matrix> masks(NmSparseTrial trial, NmTrialConfig c) {
        List<Matrix> out = new ArrayList<>();
        List<org.sparsitystudio.kernels.nn.Linear> layers = trial.targets();
        for (int i = 0; i < layers.size(); i++) {
            org.sparsitystudio.kernels.nn.Linear layer = layers.get(i);
            org.nd4j.linalg.api.ndarray.INDArray w = layer.weight().value();
            org.nd4j.linalg.api.ndarray.INDArray kept = w.neq(0).castTo(DataType.FLOAT);
            out.add(Matrix.of(String.format(Locale.ROOT, "layer%d.mask", i + 1),
                    String.format(Locale.ROOT, "%s mask of N:M layer %d of %d (%d outputs × %d inputs), %s: kept light",
                            c.pattern(), i + 1, layers.size(), w.rows(), w.columns(), c.method()),
                    Matrix.Style.MASK, kept).withGroupColumns(c.pattern().m()));
        }
        return out;
    }

    // a dense run has no mask: no flip rate or pruned gradient to report, rather than NaN
    private static void reportIfFinite(RunContext context, String name, long step, double value) {
        if (Double.isFinite(value)) {
            context.metric(name, step, value);
        }
    }
}
