package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.FashionMnistChoice;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.data.LastLoaded;
import org.sparsitystudio.experiments.run.MatrixArtifact;
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
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.EpochResult;
import org.sparsitystudio.experiments.training.TrainingParameters;
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.nn.ActivationProbe;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * The lazy-neuron phenomenon (Li et al., ICLR 2023) as an experiment kind. One run trains a small
 * ViT (or an MLP) on Fashion-MNIST and measures, every few steps from initialisation on, the share
 * of MLP activations that are nonzero (SCIENCE.md §3's P_l) on a fixed probe batch, per layer and
 * as the mean; then it evaluates the trained model on clean and corrupted test images and measures
 * its calibration.
 *
 * <p>Controls and variants are parameters: random labels, random (Gaussian) inputs, label noise,
 * ReLU against GELU (active meaning above a threshold) against Top-k ReLU. Densities are reported
 * in percent as SCIENCE.md states them; accuracies and ECE as fractions.
 *
 * <p>Besides training curves, the run reports two series indexed by position rather than by
 * training step, so that charts can pair them: {@code corruptionSeverity} / {@code corruptedAccuracy}
 * at steps 0 (clean) to 3 (Gaussian noise σ 0.1 to 0.3), and {@code reliabilityConfidence} /
 * {@code reliabilityAccuracy} at the index of every non-empty calibration bin (a reliability
 * diagram). Per-unit firing rates at the end go to a CSV artifact ({@code firing-rates}).
 */
public final class LazyNeuronKind implements ExperimentKind {

    /** The stable id stored in designs and the database. */
    public static final String ID = "lazy-neuron";
    /** The deepest model whose per-layer densities are declared as metrics. */
    public static final int MAX_DEPTH = 12;
    /** Gaussian-noise severities of the corrupted test sets (SCIENCE.md §3). */
    static final double[] NOISE_SIGMAS = {0.1, 0.2, 0.3};
    /** Seed of the corruption noise: fixed, so every run of a study is tested on the same images. */
    private static final long CORRUPTION_SEED = 0x5EEDC0FFEEL;
    /** Seed of the probe batch of noise images in random-input runs, fixed for the same reason. */
    private static final long PROBE_NOISE_SEED = 0x9B0BEL;
    /** Share of progress spent training; evaluation takes the rest. */
    private static final double TRAIN_SHARE = 0.9;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choiceParam("architecture", "vit", "vit", "mlp").label("Architecture")
                    .help("vit: a small pre-norm vision transformer. mlp: a plain MLP whose hidden layers are "
                            + "probed instead of the transformer's MLP blocks.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("depth", 4).range(1, MAX_DEPTH).unit("layers").label("Depth")
                    .help("Transformer blocks of the ViT, or hidden layers of the MLP.").group(ParameterGroup.MODEL)
                    .build(),
            ParameterSpec.intParam("dim", 64).range(4, 1024).label("Width (d)")
                    .help("Token width of the ViT.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("heads", 4).range(1, 64).label("Heads")
                    .help("Attention heads of the ViT; must divide the width.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("patch", 7).range(1, 28).unit("pixels").label("Patch size")
                    .help("Side of a ViT patch; 7 gives 16 tokens plus the class token.").group(ParameterGroup.MODEL)
                    .build(),
            ParameterSpec.intParam("mlpHidden", 256).range(2, 8192).label("MLP hidden width (d_ff)")
                    .help("Hidden width of each transformer block's MLP, and of each hidden layer of the MLP.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.choiceParam("activation", "relu", "relu", "gelu", "topk").label("Activation")
                    .help("relu; gelu (exact), where active means above the GELU threshold; topk: ReLU keeping "
                            + "only the k largest activations of every token.").group(ParameterGroup.SPARSITY)
                    .build(),
            ParameterSpec.intParam("k", 16).range(1, 8192).unit("units").label("Top-k k")
                    .help("Activations kept per token by Top-k.").group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("kFraction", 0.0).range(0, 1).unit("fraction").label("Top-k k as fraction")
                    .help("When above 0, Top-k keeps this share of the hidden width instead of k units.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.doubleParam("geluThreshold", 0.0).range(-1, 10).label("GELU threshold")
                    .help("A GELU output counts as active when strictly above this value (GELU is never exactly "
                            + "zero). Ignored for ReLU and Top-k, where active means nonzero.")
                    .group(ParameterGroup.SPARSITY).build(),
            ParameterSpec.choiceParam("labels", "true", "true", "random").label("Labels")
                    .help("true, or random: the training labels permuted once (seeded).").group(ParameterGroup.DATA)
                    .build(),
            ParameterSpec.choiceParam("inputs", "real", "real", "noise").label("Inputs")
                    .help("real images, or noise: N(0, 1) images with random labels in place of the training set "
                            + "(the probe batch is then noise too).").group(ParameterGroup.DATA).build(),
            ParameterSpec.doubleParam("labelNoise", 0.0).range(0, 0.9).unit("fraction").label("Label noise q")
                    .help("Share of training labels moved to a random other class (seeded).")
                    .group(ParameterGroup.DATA).build(),
            ParameterSpec.intParam("epochs", 3).range(1, 200).unit("epochs").label("Epochs")
                    .help("Passes over the training set.").group(ParameterGroup.TRAINING).build(),
            TrainingParameters.batchSize("Samples per optimizer step."),
            ParameterSpec.doubleParam("learningRate", 0.001).range(1e-6, 1).label("Learning rate")
                    .help("AdamW's constant learning rate.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("weightDecay", 0.05).range(0, 1).label("Weight decay")
                    .help("AdamW's decoupled weight decay.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("probeInterval", 50).range(1, 100_000).unit("steps").label("Probe interval")
                    .help("Steps between two activation-density measurements (the first is at initialisation).")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("probeImages", 512).range(1, 10_000).unit("images").label("Probe images")
                    .help("Size of the fixed probe batch: the first test images.").group(ParameterGroup.DATA).build(),
            ParameterSpec.doubleParam("dataFraction", 1.0).range(0.001, 1).unit("fraction").label("Data fraction")
                    .help("Class-balanced share of the training set used.").group(ParameterGroup.DATA).build(),
            ParameterSpec.booleanParam("robustness", true).label("Evaluate robustness")
                    .help("Evaluate the trained model on corrupted test images (Gaussian noise, blur, contrast) and "
                            + "measure its calibration; off for runs that only study the density.")
                    .group(ParameterGroup.DATA).build(),
            FashionMnistChoice.parameter());

    private static final List<MetricSpec> METRICS = metricSpecs();

    private static List<MetricSpec> metricSpecs() {
        List<MetricSpec> m = new ArrayList<>();
        m.add(MetricSpec.perStep("trainLoss", ""));
        m.add(MetricSpec.perStep("testAccuracy", "fraction"));
        m.add(MetricSpec.perStep("densityMean", "%"));
        for (int l = 1; l <= MAX_DEPTH; l++) {
            m.add(MetricSpec.perStep(layerMetric(l), "%"));
        }
        m.add(MetricSpec.perStep("corruptionSeverity", "σ"));
        m.add(MetricSpec.perStep("corruptedAccuracy", "fraction"));
        m.add(MetricSpec.perStep("reliabilityConfidence", "fraction"));
        m.add(MetricSpec.perStep("reliabilityAccuracy", "fraction"));
        m.add(MetricSpec.result("densityInit", "%"));
        m.add(MetricSpec.result("densityFinal", "%"));
        m.add(MetricSpec.result("densityDrop", "pp"));
        for (int l = 1; l <= MAX_DEPTH; l++) {
            m.add(MetricSpec.result(finalLayerResult(l), "%"));
        }
        m.add(MetricSpec.result("maxActivePerToken", "units"));
        m.add(MetricSpec.result("deadUnitShare", "fraction"));
        m.add(MetricSpec.result("cleanAccuracy", "fraction"));
        for (double sigma : NOISE_SIGMAS) {
            m.add(MetricSpec.result(noiseResult(sigma), "fraction"));
        }
        m.add(MetricSpec.result("accuracyBlur1", "fraction"));
        m.add(MetricSpec.result("accuracyContrast03", "fraction"));
        m.add(MetricSpec.result("ece", "fraction"));
        m.add(MetricSpec.result("eceNoise02", "fraction"));
        return List.copyOf(m);
    }

    /** {@code densityLayer1} … for 1-based layer {@code l}. */
    static String layerMetric(int l) {
        return "densityLayer" + l;
    }

    static String finalLayerResult(int l) {
        return "densityFinalLayer" + l;
    }

    /** {@code accuracyNoise01} for σ = 0.1: no dots in metric names. */
    static String noiseResult(double sigma) {
        return String.format(Locale.ROOT, "accuracyNoise%02d", Math.round(sigma * 10));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Lazy neurons";
    }

    @Override
    public String description() {
        return "Train a small vision transformer and watch how few of its MLP activations are nonzero: from about "
                + "half at initialisation the share falls during training, in every layer, even with random labels "
                + "or random inputs. Enforce sparsity with Top-k and compare accuracy under label noise and "
                + "corrupted inputs, and calibration, with plain ReLU.";
    }

    @Override
    public String paper() {
        return "Li et al., The Lazy Neuron Phenomenon: On Emergence of Activation Sparsity in Transformers, ICLR 2023";
    }

    /** Densities, losses and test accuracy are reported at optimizer steps, not per epoch. */
    @Override
    public String stepLabel() {
        return "Step";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<MetricSpec> metrics() {
        return METRICS;
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("Activation density vs step", ChartSpec.STEP, "densityMean", "activation", false, true),
                new ChartSpec("Density: true vs random labels", ChartSpec.STEP, "densityMean", "labels", false, true),
                new ChartSpec("Density: real vs noise inputs", ChartSpec.STEP, "densityMean", "inputs", false, true),
                new ChartSpec("First-layer density vs step", ChartSpec.STEP, layerMetric(1), "activation", false,
                        true),
                new ChartSpec("Final density vs depth", "depth", "densityFinal", "activation", false, true),
                new ChartSpec("Accuracy vs label noise", "labelNoise", "cleanAccuracy", "activation", false, true),
                new ChartSpec("ECE vs label noise", "labelNoise", "ece", "activation", false, true),
                ChartSpec.metricVsMetric("Accuracy vs Gaussian-noise severity", "corruptionSeverity",
                        "corruptedAccuracy", "activation", false, true),
                ChartSpec.metricVsMetric("Reliability diagram", "reliabilityConfidence", "reliabilityAccuracy",
                        "activation", false, false),
                new ChartSpec("Test accuracy", ChartSpec.STEP, "testAccuracy", "activation", false, true));
    }

    /**
     * ReLU against Top-k (k = 16) on a fifth of the training set for 2 epochs, one seed: the density
     * curve from initialisation, and the robustness and calibration of both. Sized to finish in a
     * few minutes on two cores; SCIENCE.md's full check (all data, 3 epochs, 3 seeds) is the science
     * test.
     */
    @Override
    public Design defaultDesign() {
        return Design.of(ID).withName("Lazy neurons: ReLU vs Top-k").withParameter("dataFraction", 0.2)
                .withParameter("epochs", 2).withParameter("probeInterval", 20).withAxis("activation", "relu", "topk");
    }

    /** Training FLOPs (3 × forward per sample), the probes and the test-set evaluations. */
    @Override
    public CostEstimate estimate(RunSpec run) {
        LazyNeuronConfig config = LazyNeuronConfig.from(run);
        double forward = FlopCounter.count(config.buildModel(), Nd4j.zeros(DataType.FLOAT, 1, FashionMnist.FEATURES))
                .forwardFlops();
        double samples = Math.round(60_000 * config.dataFraction());
        long steps = (long) config.epochs() * (long) Math.ceil(samples / config.batchSize());
        double probes = (steps / config.probeInterval() + 2.0) * config.probeImages();
        int robustness = run.booleanValue("robustness") ? 1 + NOISE_SIGMAS.length + 2 : 0;
        double evaluations = 10_000.0 * (config.epochs() + robustness);
        return CostEstimate.of(forward * (3 * samples * config.epochs() + probes + evaluations), steps);
    }

    private final LastLoaded data = new LastLoaded();

    private FashionMnist load(DataSource source) {
        return data.get(source);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        LazyNeuronConfig config = LazyNeuronConfig.from(spec);
        FashionMnist data = load(config.embeddedData() ? DataSource.embeddedSubset() : DataSource.resolve());
        context.log("data: " + data.origin().describe());
        Provenance.ofData(data.origin()).forEach(context::provenance);
        ImageDataset train = trainingSet(config, data);
        ImageDataset probeSet = probeSet(config, data);
        context.log("training set: " + train.name() + "; model: " + config.describeModel());

        Sequential model = config.buildModel();
        Batches batches = new Batches(train, config.batchSize(), config.seed(), true, DataType.FLOAT);
        // probe chunks as large as training batches, so the layers' buffers keep their shape
        Batches probe = new Batches(probeSet, Math.min(config.batchSize(), probeSet.size()), 0, false, DataType.FLOAT);
        // every pass uses the training batch size: a new batch size would reallocate every layer's buffers
        Batches test = new Batches(data.test(), config.batchSize(), 0, false, DataType.FLOAT);
        int layers = ActivationProbe.find(model).size();
        long total = (long) config.epochs() * batches.batchesPerEpoch();

        List<ActivationDensity.Measurement> measured = new ArrayList<>();
        List<Long> measuredSteps = new ArrayList<>();
        long[] lastMeasured = {-1};
        ClassifierTrainer trainer = new ClassifierTrainer(model,
                Adam.adamW(model.parameters(), 0.9, 0.999, 1e-8, config.weightDecay()),
                Schedule.constant(config.learningRate()), step -> {
                    if (step % config.probeInterval() == 0) {
                        measured.add(probe(model, probe, config, step, context));
                        measuredSteps.add(step);
                        lastMeasured[0] = step;
                    }
                }, context::isCancelled).onStep((step, loss) -> {
                    context.metric("trainLoss", step, loss);
                    if ((step + 1) % 10 == 0) {
                        context.progress(TRAIN_SHARE * (step + 1) / total);
                    }
                });
        double lastTestAccuracy = Double.NaN;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            EpochResult r = trainer.trainEpoch(epoch, batches, test);
            lastTestAccuracy = r.testAccuracy();
            context.metric("testAccuracy", trainer.step(), r.testAccuracy());
            context.log(String.format(Locale.ROOT,
                    "epoch %d: loss %.4f, test accuracy %.4f, mean density %.1f%% at step %d (%.0f s)", epoch,
                    r.trainLoss(), r.testAccuracy(), measured.get(measured.size() - 1).mean() * 100, lastMeasured[0],
                    r.trainSeconds()));
        }
        ActivationDensity.Measurement last = measured.get(measured.size() - 1);
        if (lastMeasured[0] != trainer.step()) {
            last = probe(model, probe, config, trainer.step(), context);
            measured.add(last);
            measuredSteps.add(trainer.step());
        }
        context.throwIfCancelled();
        writeFiringRates(last, context);
        MatrixArtifact.report(context, "lazy-neuron.safetensors", DensityImages.of(measured, measuredSteps, last));

        RunResult result = RunResult.empty().with("densityInit", 100 * measured.get(0).mean())
                .with("densityFinal", 100 * last.mean())
                .with("densityDrop", 100 * (measured.get(0).mean() - last.mean()))
                .with("maxActivePerToken", last.maxActivePerToken()).with("deadUnitShare", last.deadShare());
        for (int l = 0; l < layers; l++) {
            result = result.with(finalLayerResult(l + 1), 100 * last.perLayer()[l]);
        }
        // the evaluation repeats the last epoch's test pass, adding confidences; without it that pass is the result
        result = spec.booleanValue("robustness") ? evaluate(model, data.test(), config.batchSize(), result, context)
                : result.with("cleanAccuracy", lastTestAccuracy);
        context.progress(1);
        return result;
    }

    private ActivationDensity.Measurement probe(Sequential model, Batches probe, LazyNeuronConfig config, long step,
            RunContext context) {
        ActivationDensity.Measurement m = ActivationDensity.measure(model, probe, config.threshold());
        for (int l = 0; l < m.perLayer().length; l++) {
            context.metric(layerMetric(l + 1), step, 100 * m.perLayer()[l]);
        }
        context.metric("densityMean", step, 100 * m.mean());
        return m;
    }

    /** The training set with the run's controls applied: share, random inputs, random or noisy labels. */
    static ImageDataset trainingSet(LazyNeuronConfig config, FashionMnist data) {
        ImageDataset train = data.train().balancedSubset(config.dataFraction(), config.seed());
        if (config.noiseInputs()) {
            train = noiseImages(train.size(), train.features(), train.classes(), config.seed() ^ 0x1A7E57L,
                    "N(0, 1) noise images with random labels");
        }
        if (config.randomLabels()) {
            train = train.withLabels(train.name() + ", labels permuted",
                    LabelNoise.permute(train.labels(), config.seed() ^ 0x2B1DL));
        }
        if (config.labelNoise() > 0) {
            train = train.withLabels(train.name() + ", label noise " + config.labelNoise(),
                    LabelNoise.flip(train.labels(), train.classes(), config.labelNoise(), config.seed() ^ 0x3C0FFL));
        }
        return train;
    }

    /** The fixed probe batch: the first test images, or noise images from a fixed seed for random-input runs. */
    static ImageDataset probeSet(LazyNeuronConfig config, FashionMnist data) {
        ImageDataset test = data.test();
        int n = Math.min(config.probeImages(), test.size());
        if (config.noiseInputs()) {
            return noiseImages(n, test.features(), test.classes(), PROBE_NOISE_SEED, "N(0, 1) probe images");
        }
        float[] pixels = Arrays.copyOf(test.pixels(), n * test.features());
        return ImageDataset.of("probe: first " + n + " test images", test.features(), test.classes(), pixels,
                Arrays.copyOf(test.labels(), n));
    }

    /** {@code n} images of i.i.d. N(0, 1) values (in normalised units) with uniform random labels. */
    static ImageDataset noiseImages(int n, int features, int classes, long seed, String name) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pixels = new float[n * features];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return ImageDataset.of(name, features, classes, pixels, labels);
    }

    private static RunResult evaluate(Sequential model, ImageDataset test, int batchSize, RunResult result,
            RunContext context) {
        Evaluation clean = Evaluation.of(model, new Batches(test, batchSize, 0, false, DataType.FLOAT),
                Calibration.DEFAULT_BINS);
        result = result.with("cleanAccuracy", clean.accuracy()).with("ece", clean.calibration().ece());
        context.metric("corruptionSeverity", 0, 0);
        context.metric("corruptedAccuracy", 0, clean.accuracy());
        List<Calibration.Bin> bins = clean.calibration().bins();
        for (int b = 0; b < bins.size(); b++) {
            if (bins.get(b).count() > 0) {
                context.metric("reliabilityConfidence", b, bins.get(b).confidence());
                context.metric("reliabilityAccuracy", b, bins.get(b).accuracy());
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "clean accuracy %.4f, ECE %.4f",
                clean.accuracy(), clean.calibration().ece()));
        for (int i = 0; i < NOISE_SIGMAS.length; i++) {
            context.throwIfCancelled();
            Evaluation noisy = corrupted(model, test, batchSize,
                    new Corruption(Corruption.Type.GAUSSIAN_NOISE, NOISE_SIGMAS[i]));
            result = result.with(noiseResult(NOISE_SIGMAS[i]), noisy.accuracy());
            if (NOISE_SIGMAS[i] == 0.2) {
                result = result.with("eceNoise02", noisy.calibration().ece());
            }
            context.metric("corruptionSeverity", i + 1, NOISE_SIGMAS[i]);
            context.metric("corruptedAccuracy", i + 1, noisy.accuracy());
            line.append(String.format(Locale.ROOT, "; noise σ %s %.4f", NOISE_SIGMAS[i], noisy.accuracy()));
            context.progress(TRAIN_SHARE + (1 - TRAIN_SHARE) * (i + 1) / (NOISE_SIGMAS.length + 2));
        }
        context.throwIfCancelled();
        double blur = corrupted(model, test, batchSize, new Corruption(Corruption.Type.BLUR, 1.0)).accuracy();
        double contrast = corrupted(model, test, batchSize, new Corruption(Corruption.Type.CONTRAST, 0.3)).accuracy();
        line.append(String.format(Locale.ROOT, "; blur σ 1 %.4f; contrast 0.3 %.4f", blur, contrast));
        context.log(line.toString());
        return result.with("accuracyBlur1", blur).with("accuracyContrast03", contrast);
    }

    private static Evaluation corrupted(Sequential model, ImageDataset test, int batchSize, Corruption corruption) {
        ImageDataset images = corruption.apply(test, FashionMnist.MEAN, FashionMnist.STD, CORRUPTION_SEED);
        return Evaluation.of(model, new Batches(images, batchSize, 0, false, DataType.FLOAT), Calibration.DEFAULT_BINS);
    }

    /** Per-unit firing rates at the end of training, as {@code layer,unit,rate} lines. */
    private static void writeFiringRates(ActivationDensity.Measurement m, RunContext context) {
        StringBuilder csv = new StringBuilder("layer,unit,rate\n");
        double[][] rates = m.firingRates();
        for (int l = 0; l < rates.length; l++) {
            for (int u = 0; u < rates[l].length; u++) {
                csv.append(l + 1).append(',').append(u).append(',').append(ParameterSpec.formatNumber(rates[l][u]))
                        .append('\n');
            }
        }
        try {
            Path dir = context.outputDirectory();
            Path partial = dir.resolve("firing-rates.csv.partial");
            Path file = dir.resolve("firing-rates.csv");
            Files.writeString(partial, csv, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            context.artifact("firing-rates", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the firing rates", e);
        }
    }
}
