package org.sparsitystudio.experiments.kinds.roma;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.experiments.training.DivergedException;
import org.sparsitystudio.kernels.mamba.VisionMamba;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.optim.Adam;

/**
 * RoMA's pre-training loop: each step draws a batch of unlabelled images, rotates the most
 * textured window of each by a random angle (when rotation is on), runs the backbone over the
 * tokens in raster order and a linear head (d → C·p·p) over tokens 0 … T−2, and takes one AdamW
 * step on the {@link NextPatchLoss}. The head exists only for pre-training; the probe reads the
 * backbone's tokens.
 *
 * <p>AdamW with betas (0.9, 0.95), as in MAE and ARM; the learning rate warms up linearly over
 * the first 5 % of the steps and then follows a cosine to 0, so that short and long runs both end
 * at a settled model. Every image is rotated when rotation is on.
 */
public final class AutoregressivePretraining {

    /** Share of the steps spent warming the learning rate up. */
    static final double WARMUP = 0.05;

    /**
     * How to pre-train.
     *
     * @param rotation     whether each image gets a rotated window
     * @param scales       pooling factors of the loss (1; or 1, 2, 4)
     * @param learningRate AdamW's peak rate
     * @param weightDecay  AdamW's decoupled decay
     * @param batchSize    images per step
     * @param steps        optimizer steps
     */
    public record Settings(boolean rotation, int[] scales, double learningRate, double weightDecay, int batchSize,
            int steps) {

        /** Checks the values. */
        public Settings {
            scales = scales.clone();
            if (batchSize < 1 || steps < 0 || !(learningRate > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("need batch ≥ 1, steps ≥ 0, a positive rate and decay ≥ 0");
            }
        }
    }

    /**
     * One step's numbers.
     *
     * @param loss           the total (mean over scales)
     * @param scaleLosses    per scale, in the order of the settings
     * @param targetVariance variance of the normalised next-patch targets of the batch
     */
    public record Step(long step, double loss, double[] scaleLosses, double targetVariance) {
    }

    /** Receives every step. */
    @FunctionalInterface
    public interface Listener {
        /** Called after each optimizer step. */
        void afterStep(Step step);
    }

    private final VisionMamba backbone;
    private final Settings settings;
    private final Linear head;
    private final Adam adamW;
    private final NextPatchLoss loss;
    private final SplittableRandom crops;
    private final SplittableRandom order;
    private final int channels;
    private final int size;
    private final int patch;

    /**
     * @param backbone the model to pre-train, in place
     * @param seed     draws the head's weights, the batch order, the windows' angles
     */
    public AutoregressivePretraining(VisionMamba backbone, Settings settings, long seed) {
        this.backbone = Objects.requireNonNull(backbone, "backbone");
        this.settings = Objects.requireNonNull(settings, "settings");
        VisionMamba.Config c = backbone.config();
        this.channels = c.channels();
        this.size = c.size();
        this.patch = c.patch();
        SplittableRandom rng = new SplittableRandom(seed);
        this.head = new Linear(c.dim(), channels * patch * patch, true, DataType.FLOAT, rng.split());
        this.crops = rng.split();
        this.order = rng.split();
        this.loss = new NextPatchLoss(channels, patch, settings.scales());
        List<Parameter> trained = new ArrayList<>(backbone.parameters());
        trained.addAll(head.parameters());
        this.adamW = Adam.adamW(trained, 0.9, 0.95, 1e-8, settings.weightDecay());
        backbone.setInputGradientRequired(false);
    }

    /** The prediction head (d → C·p·p). */
    public Linear head() {
        return head;
    }

    /** The learning rate of step {@code step} (0-based). */
    double learningRate(long step) {
        long total = Math.max(1, settings.steps());
        long warm = Math.max(1, Math.round(WARMUP * total));
        double ramp = Math.min(1.0, (step + 1.0) / warm);
        double progress = Math.min(1.0, Math.max(0.0, (double) (step - warm) / Math.max(1, total - warm)));
        return settings.learningRate() * ramp * (step < warm ? 1.0 : 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /**
     * Runs all the steps of the settings over {@code pool}.
     *
     * @param pool  {@code count} images, channel-major, one after another
     * @param count images in the pool
     */
    public void run(float[] pool, int count, java.util.function.BooleanSupplier cancelled, Listener listener) {
        int features = channels * size * size;
        if ((long) count * features != pool.length) {
            throw new IllegalArgumentException(pool.length + " values are not " + count + " images of " + features);
        }
        int batch = Math.min(settings.batchSize(), count);
        int[] permutation = new int[count];
        int next = count;
        float[] images = new float[batch * features];
        for (long step = 0; step < settings.steps(); step++) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException(step);
            }
            for (int i = 0; i < batch; i++) {
                if (next == count) {
                    // a fresh shuffle per pass: every image is seen once before any is seen twice
                    for (int k = 0; k < count; k++) {
                        permutation[k] = k;
                    }
                    for (int k = count - 1; k > 0; k--) {
                        int j = order.nextInt(k + 1);
                        int t = permutation[k];
                        permutation[k] = permutation[j];
                        permutation[j] = t;
                    }
                    next = 0;
                }
                System.arraycopy(pool, permutation[next++] * features, images, i * features, features);
            }
            Step s = step(step, images, batch);
            listener.afterStep(s);
        }
    }

    /** One step on {@code batch} images (which it may rotate in place). */
    Step step(long step, float[] images, int batch) {
        int features = channels * size * size;
        double[] angles = new double[batch];
        boolean[][] rotated = new boolean[batch][];
        if (settings.rotation()) {
            float[] one = new float[features];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(images, i * features, one, 0, features);
                RotationCrop.Crop crop = RotationCrop.apply(one, channels, size, patch, crops);
                System.arraycopy(crop.image(), 0, images, i * features, features);
                angles[i] = crop.angle();
                rotated[i] = crop.rotated();
            }
            backbone.setRotation(angles, rotated);
        } else {
            backbone.clearRotation();
        }
        INDArray x = Nd4j.create(images, new long[] {batch, features}, 'c');
        INDArray tokens = backbone.forward(x, true);
        int t = (int) tokens.size(1);
        INDArray context = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t - 1), NDArrayIndex.all()).dup('c');
        double value = loss.forward(head.forward(context, true), backbone.patchEmbedding().patches(x));
        if (!Double.isFinite(value)) {
            throw new DivergedException(step, value);
        }
        INDArray gContext = head.backward(loss.gradient());
        INDArray g = Nd4j.zeros(tokens.dataType(), tokens.shape());
        g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t - 1), NDArrayIndex.all()).assign(gContext);
        backbone.backward(g);
        adamW.step(learningRate(step));
        backbone.clearRotation();
        return new Step(step, value, loss.scaleLosses(), loss.targetVariance());
    }

    /**
     * The scale-1 next-patch loss on {@code count} images as they are (no rotation), in evaluation
     * mode: a held-out measure of how well the model predicts, free of the training batches'
     * noise and of memorisation when the pool is small.
     */
    public double heldOutLoss(float[] pool, int count) {
        int features = channels * size * size;
        NextPatchLoss scale1 = new NextPatchLoss(channels, patch, 1);
        backbone.clearRotation();
        int batch = 200;
        double weighted = 0;
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            float[] images = new float[n * features];
            System.arraycopy(pool, start * features, images, 0, n * features);
            INDArray x = Nd4j.create(images, new long[] {n, features}, 'c');
            INDArray tokens = backbone.forward(x, false);
            int t = (int) tokens.size(1);
            INDArray context = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t - 1), NDArrayIndex.all())
                    .dup('c');
            weighted += n * scale1.forward(head.forward(context, false), backbone.patchEmbedding().patches(x));
        }
        return weighted / count;
    }
}
