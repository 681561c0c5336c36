package org.sparsitystudio.experiments.kinds.roma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
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
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.mamba.VisionMamba;

/**
 * RoMA (Wang et al., NeurIPS 2025) as an experiment kind: a vision Mamba pre-trained
 * autoregressively on unlabelled synthetic aerial scenes with rotation-aware crops, an angle
 * embedding and multi-scale next-patch losses, then probed linearly on scene classification,
 * upright and rotated; against the same-size causal transformer pre-trained the same way and the
 * Mamba at random initialisation; across widths and amounts of pre-training data, with power laws
 * fitted over the study.
 *
 * <p>The data are the synthetic aerial scenes, or a folder of real labelled images (one folder per
 * class, as UC Merced or EuroSAT come) named by the {@code folder} parameter ({@link FolderScenes}).
 */
public final class RomaKind implements ExperimentKind {

    /** The stable id stored in designs and the database. */
    public static final String ID = "roma-pretraining";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choiceParam("backbone", "mamba", "mamba", "vit", "random-init").label("Backbone")
                    .help("mamba: the vision Mamba, pre-trained. vit: the same-size causal transformer, pre-trained "
                            + "the same way. random-init: the vision Mamba probed as initialised.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.intParam("d", 64).range(8, 512).unit("width").label("Width d")
                    .help("Token width; the Mamba's scan is 2d wide with 16 states.").group(ParameterGroup.MODEL)
                    .build(),
            ParameterSpec.intParam("layers", 2).range(1, 12).unit("blocks").label("Layers")
                    .help("Mamba (or transformer) blocks.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.choiceParam("imageSize", "64", "32", "64").label("Image size")
                    .help("Scene side in pixels; patches are 4 px on 32² and 8 px on 64², 64 tokens either way.")
                    .group(ParameterGroup.DATA).build(),
            ParameterSpec.intParam("pretrainImages", 2000).range(8, 200_000).unit("images")
                    .label("Pre-training images")
                    .help("Unlabelled upright scenes to pre-train on (a smaller set is the start of a larger one).")
                    .group(ParameterGroup.DATA).build(),
            ParameterSpec.intParam("pretrainSteps", 300).range(0, 1_000_000).unit("steps").label("Pre-training steps")
                    .help("AdamW steps of autoregressive pre-training.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.booleanParam("rotation", true).label("Rotation-aware crops")
                    .help("Rotate the most textured 32/24/16-px window of each image by a random angle.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.booleanParam("angleEmbedding", true).label("Angle embedding")
                    .help("Add Linear(sin θ, cos θ) to the tokens of the rotated window.")
                    .group(ParameterGroup.MODEL).build(),
            ParameterSpec.choiceParam("scales", "3", "1", "3").label("Loss scales")
                    .help("1: next-patch pixels only. 3: also after 2× and 4× average pooling, averaged.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("probeEpochs", 30).range(1, 1000).unit("epochs").label("Probe epochs")
                    .help("Passes of the linear probe's softmax regression over the labelled features.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("fineTuneEpochs", 0).range(0, 100).unit("epochs").label("Fine-tune epochs")
                    .help("Epochs of fine-tuning the whole backbone with a linear head after the probe; 0 skips it.")
                    .group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("learningRate", 1e-3).range(1e-6, 1).label("Learning rate")
                    .help("AdamW's peak rate: 5 % warm-up, then cosine to 0.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("weightDecay", 0.05).range(0, 1).label("Weight decay")
                    .help("AdamW's decoupled decay, on weights only.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("batchSize", 64).range(1, 1024).unit("images").label("Batch size")
                    .help("Images per pre-training and fine-tuning step.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("probeImagesPerClass", 250).range(1, 100_000).unit("images").label("Probe images per class")
                    .help("Labelled upright training images per class (8 synthetic classes, or the folder's) for "
                            + "probe and fine-tune; a folder class gives at most what its test share leaves.")
                    .group(ParameterGroup.DATA).build(),
            ParameterSpec.intParam("testImagesPerClass", 50).range(1, 100_000).unit("images").label("Test images per class")
                    .help("Test images per class, measured upright and rotated; from a folder at most half of each "
                            + "class.").group(ParameterGroup.DATA).build(),
            ParameterSpec.choiceParam("data", "synthetic", "synthetic", "folder").label("Data")
                    .help("synthetic: generated aerial scenes of 8 classes. folder: the labelled images in the folder "
                            + "named below, resized to the image size and split per class by the run seed; "
                            + "pre-training uses the images outside the test set.")
                    .group(ParameterGroup.DATA).build(),
            ParameterSpec.textParam("folder", "").label("Image folder").folder()
                    .help("With data = folder: a folder holding one folder of images per class (PNG, JPEG, TIFF), "
                            + "or train/ and test/ folders each holding them; at least 2 classes of at least 2 "
                            + "readable images. Unreadable files are skipped and listed in the run's log.")
                    .group(ParameterGroup.DATA).build());

    /** Names of the per-step loss of each scale. */
    static final String[] SCALE_METRICS = {"pretrainLossScale1", "pretrainLossScale2", "pretrainLossScale4"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "RoMA: rotation-aware Mamba pretraining";
    }

    @Override
    public String description() {
        return "Pre-train a vision Mamba autoregressively: every token predicts the next patch's pixels, also "
                + "after 2× and 4× pooling, while the most textured window of each scene is rotated by a random "
                + "angle that an angle embedding tells the model. Probe the tokens linearly on upright and rotated "
                + "scenes, against a same-size transformer and random initialisation, across widths and amounts "
                + "of pre-training data.";
    }

    @Override
    public String paper() {
        return "Wang et al., RoMA: Scaling up Mamba-based Foundation Models for Remote Sensing, NeurIPS 2025";
    }

    /** Pre-training losses are reported at optimizer steps, not per epoch. */
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
        List<MetricSpec> m = new ArrayList<>();
        m.add(MetricSpec.perStep("pretrainLoss", ""));
        for (String s : SCALE_METRICS) {
            m.add(MetricSpec.perStep(s, ""));
        }
        m.addAll(List.of(MetricSpec.result("finalPretrainLoss", ""), MetricSpec.result("finalPretrainLossScale1", ""),
                MetricSpec.result("targetVariance", ""), MetricSpec.result("heldOutLoss", ""),
                MetricSpec.result("probeAccuracy", "fraction"), MetricSpec.result("probeAccuracyRotated", "fraction"),
                MetricSpec.result("probeTrainAccuracy", "fraction"), MetricSpec.result("fineTuneAccuracy", "fraction"),
                MetricSpec.result("fineTuneAccuracyRotated", "fraction"), MetricSpec.result("parameters", "count"),
                MetricSpec.result("fitExponent", ""), MetricSpec.result("fitPrefactor", ""),
                MetricSpec.result("probeErrorExponent", ""), MetricSpec.result("sizeFitExponent", "")));
        return List.copyOf(m);
    }

    /**
     * The scaling charts: held-out loss against pre-training images and against the backbone's
     * parameter count on log-log axes with a power law per series (the parameter count is a
     * result that d and layers set, so those move a run along x), and probe accuracy against
     * pre-training images on log x. Accuracy gets no fit: a power law describes the error, and
     * the kind reports it only as the study-level {@code probeErrorExponent}.
     */
    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("Probe accuracy vs pre-training images", "pretrainImages", "probeAccuracy", "d", true,
                        true),
                new ChartSpec("Rotated probe accuracy vs pre-training images", "pretrainImages",
                        "probeAccuracyRotated", "d", true, true),
                new ChartSpec("Held-out loss vs pre-training images", "pretrainImages", "heldOutLoss", "d", true, true)
                        .withPowerLawFit(),
                new ChartSpec("Held-out loss vs parameters", "parameters", "heldOutLoss", "pretrainImages", true, true)
                        .withPowerLawFit().withXFrom("d", "layers"),
                new ChartSpec("Pre-training loss per step", ChartSpec.STEP, "pretrainLoss", "d", false, true),
                // no fixed group: every varying parameter splits series in declaration order, so backbone gets
                // the colours when it varies, and a study of one backbone is not drawn in one colour
                new ChartSpec("Scale-1 loss per step", ChartSpec.STEP, "pretrainLossScale1", null, false, true));
    }

    /**
     * A small scaling grid that runs in minutes on two cores: 32² scenes, d {16, 32} × pre-training
     * images {250, 1000, 4000}, 150 steps of batch 32, a probe on 50 labelled scenes per class.
     */
    @Override
    public Design defaultDesign() {
        return Design.of(ID).withName("RoMA: width × pre-training images (small)").withSeed(1)
                .withParameter("imageSize", "32").withParameter("pretrainSteps", 150).withParameter("batchSize", 32)
                .withParameter("probeImagesPerClass", 50).withParameter("testImagesPerClass", 25)
                .withAxis("d", 16, 32).withAxis("pretrainImages", 250, 1000, 4000);
    }

    static RomaConfig config(RunSpec run) {
        return new RomaConfig(BackboneChoice.parse(run.choice("backbone")), run.intValue("d"), run.intValue("layers"),
                Integer.parseInt(run.choice("imageSize")), run.intValue("pretrainImages"),
                run.intValue("pretrainSteps"), run.booleanValue("rotation"), run.booleanValue("angleEmbedding"),
                Integer.parseInt(run.choice("scales")), run.intValue("probeEpochs"), run.intValue("fineTuneEpochs"),
                run.doubleValue("learningRate"), run.doubleValue("weightDecay"), run.intValue("batchSize"),
                run.intValue("probeImagesPerClass"), run.intValue("testImagesPerClass"), run.seed());
    }

    /**
     * Pre-training FLOPs (3 × forward per image × images seen) plus one forward per labelled image
     * for the probe and 3 × forward per image per fine-tune epoch; steps of pre-training and
     * fine-tune. The forward is counted on the model itself (the transformer's attention products
     * are not counted, so its estimate is low).
     */
    @Override
    public CostEstimate estimate(RunSpec run) {
        RomaConfig c = config(run);
        VisionMamba model = c.build();
        double forward = FlopCounter.count(model, Nd4j.zeros(DataType.FLOAT, 1, 3L * c.imageSize() * c.imageSize()))
                .forwardFlops();
        long labelled = 8L * c.probePerClass();
        long steps = c.backbone().pretrains() ? c.pretrainSteps() : 0;
        double flops = 3 * forward * steps * c.batchSize() + forward * (labelled + 16L * c.testPerClass())
                + 3 * forward * labelled * c.fineTuneEpochs();
        long fineTuneSteps = (long) c.fineTuneEpochs() * ((labelled + c.batchSize() - 1) / c.batchSize());
        return CostEstimate.of(flops, steps + fineTuneSteps);
    }

    // a sweep reuses the same scenes in every run and rendering them takes seconds, so the kind
    // keeps the last labelled sets and the largest pre-training pool it made
    private String labelledKey;
    private SceneData labelled;
    private int poolSize;
    private float[] pool;
    private int poolCount;

    private synchronized SceneData labelled(RomaConfig c) {
        String key = c.imageSize() + "/" + c.probePerClass() + "/" + c.testPerClass();
        if (!key.equals(labelledKey)) {
            labelled = SceneData.labelled(c.imageSize(), c.probePerClass(), c.testPerClass());
            labelledKey = key;
        }
        return labelled;
    }

    private synchronized float[] pool(RomaConfig c) {
        int count = c.pretrainImages();
        int features = 3 * c.imageSize() * c.imageSize();
        if (pool == null || poolSize != c.imageSize() || poolCount < count) {
            pool = SceneData.pretrainPool(c.imageSize(), count);
            poolSize = c.imageSize();
            poolCount = count;
        }
        // a smaller pool is the start of a larger one, so a prefix serves
        return poolCount == count ? pool : java.util.Arrays.copyOf(pool, count * features);
    }

    // decoding a folder of real images takes longer than the runs of a small sweep, so the kind
    // keeps the last folder it decoded, as long as its files stay the same
    private String folderKey;
    private FolderScenes.Decoded folder;

    private synchronized FolderScenes.Decoded folder(String path, int size) {
        String key = size + "\n" + path.strip() + "\n" + FolderScenes.listing(path);
        if (!key.equals(folderKey)) {
            folderKey = null;
            folder = null;
            FolderScenes.Decoded decoded = FolderScenes.decode(path, size);
            folder = decoded;
            folderKey = key;
        }
        return folder;
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        RomaConfig c = config(spec);
        boolean pretrains = c.backbone().pretrains() && c.pretrainSteps() > 0;
        SceneData data;
        float[] images;
        if (spec.choice("data").equals("folder")) {
            FolderScenes.Decoded decoded = folder(spec.value("folder").toString(), c.imageSize());
            logSkipped(decoded, context);
            FolderScenes.Split split = decoded.split(c.probePerClass(), c.testPerClass(), c.seed());
            data = split.scenes();
            images = pretrains ? split.pretrainPool(c.pretrainImages()) : new float[0];
            context.provenance("data", split.describe());
            context.provenance("data.location", decoded.root().toString());
            context.provenance("data.sha256.folder", decoded.sha256());
            context.log("data: " + split.describe());
        } else {
            data = labelled(c);
            images = pretrains ? pool(c) : new float[0];
            context.provenance("data", String.format(Locale.ROOT, "synthetic aerial scenes %d², labelled seed %d "
                    + "(%d train, %d test upright + rotated), pre-training seed %d (%d upright images)", c.imageSize(),
                    SceneData.LABELLED_SEED, data.train().size(), data.test().size(), SceneData.PRETRAIN_SEED,
                    c.pretrainImages()));
        }
        context.log(String.format(Locale.ROOT, "%s d=%d layers=%d patch=%d tokens=%d", c.backbone().id(), c.dim(),
                c.layers(), c.patch(), c.backboneConfig().tokens()));
        int[] scales = c.scaleFactors();
        RomaTrial.Result r = new RomaTrial(c).run(data, images, s -> {
            context.metric("pretrainLoss", s.step(), s.loss());
            for (int i = 0; i < scales.length; i++) {
                context.metric(SCALE_METRICS[i], s.step(), s.scaleLosses()[i]);
            }
        }, context::progress, context::isCancelled);
        context.log(String.format(Locale.ROOT, "%,d parameters; held-out scale-1 loss %.4f (target variance %.4f); "
                + "probe %.4f upright, %.4f rotated", r.parameters(), r.heldOutLoss(), r.targetVariance(),
                r.probeAccuracy(), r.probeAccuracyRotated()));
        RunResult result = RunResult.empty().with("probeAccuracy", r.probeAccuracy())
                .with("probeAccuracyRotated", r.probeAccuracyRotated())
                .with("probeTrainAccuracy", r.probeTrainAccuracy()).with("parameters", r.parameters());
        if (!Double.isNaN(r.finalPretrainLoss())) {
            result = result.with("finalPretrainLoss", r.finalPretrainLoss())
                    .with("finalPretrainLossScale1", r.finalPretrainLossScale1())
                    .with("targetVariance", r.targetVariance()).with("heldOutLoss", r.heldOutLoss());
        }
        if (!Double.isNaN(r.fineTuneAccuracy())) {
            result = result.with("fineTuneAccuracy", r.fineTuneAccuracy())
                    .with("fineTuneAccuracyRotated", r.fineTuneAccuracyRotated());
        }
        return result;
    }

    /** Lists the files a folder run did not use, so a reader knows which images the numbers rest on. */
    private static void logSkipped(FolderScenes.Decoded decoded, RunContext context) {
        List<org.sparsitystudio.experiments.data.folder.ImageFolder.Skipped> skipped = decoded.skipped();
        for (int i = 0; i < Math.min(skipped.size(), FolderScenes.LOGGED_SKIPS); i++) {
            context.log("skipped " + skipped.get(i).file() + ": " + skipped.get(i).reason());
        }
        if (skipped.size() > FolderScenes.LOGGED_SKIPS) {
            context.log("… and " + (skipped.size() - FolderScenes.LOGGED_SKIPS) + " more files skipped");
        }
    }

    /**
     * Power laws over the study. {@code fitExponent} and {@code fitPrefactor}: held-out loss
     * against pre-training images, fitted over the runs whose parameters differ only in that
     * number; {@code probeErrorExponent}: the same for the probe's error (1 − accuracy) on the
     * upright test set, leaving out runs with no error at all; {@code sizeFitExponent}: held-out
     * loss against the backbone's parameter count over the runs that differ only in d and layers.
     * Seeds are not part of a group: runs of several seeds are all points of one fit (a design
     * without a seed axis gives every run its own seed). Every run of a group gets its group's
     * values; groups with fewer than two distinct x values get none.
     */
    @Override
    public List<Map<String, Double>> studyResults(List<RunSpec> runs, List<Map<String, Double>> results) {
        List<Map<String, Double>> out = new ArrayList<>();
        runs.forEach(r -> out.add(new LinkedHashMap<>()));
        fitGroups(runs, results, List.of("pretrainImages"), r -> r.intValue("pretrainImages"), "heldOutLoss",
                v -> v, (fit, m) -> {
                    m.put("fitExponent", fit.exponent());
                    m.put("fitPrefactor", fit.prefactor());
                }, out);
        fitGroups(runs, results, List.of("pretrainImages"), r -> r.intValue("pretrainImages"), "probeAccuracy",
                v -> 1 - v, (fit, m) -> m.put("probeErrorExponent", fit.exponent()), out);
        fitGroups(runs, results, List.of("d", "layers"), null, "heldOutLoss", v -> v,
                (fit, m) -> m.put("sizeFitExponent", fit.exponent()), out);
        List<Map<String, Double>> frozen = new ArrayList<>();
        out.forEach(m -> frozen.add(Map.copyOf(m)));
        return frozen;
    }

    /**
     * Groups runs by every parameter except {@code varied}, fits y against x in each
     * group, and hands each member's map to {@code put}. {@code x} null means the run's
     * {@code parameters} result.
     */
    private static void fitGroups(List<RunSpec> runs, List<Map<String, Double>> results, List<String> varied,
            ToDoubleFunction<RunSpec> x, String yName, java.util.function.DoubleUnaryOperator y,
            java.util.function.BiConsumer<PowerLawFit, Map<String, Double>> put, List<Map<String, Double>> out) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunSpec r = runs.get(i);
            if (!Objects.equals(r.kind(), ID)) {
                continue;
            }
            Map<String, Object> key = new java.util.TreeMap<>(r.parameters());
            varied.forEach(key::remove);
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> members : groups.values()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i : members) {
                Double value = results.get(i).get(yName);
                Double xv = x == null ? results.get(i).get("parameters") : Double.valueOf(x.applyAsDouble(runs.get(i)));
                if (value == null || xv == null) {
                    continue;
                }
                double yv = y.applyAsDouble(value);
                if (yv > 0 && xv > 0) {
                    xs.add(xv);
                    ys.add(yv);
                }
            }
            if (xs.stream().distinct().count() < 2) {
                continue;
            }
            PowerLawFit fit = PowerLawFit.fit(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i : members) {
                put.accept(fit, out.get(i));
            }
        }
    }
}
