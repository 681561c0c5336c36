package org.sparsitystudio.experiments.kinds.nm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.pretraining.PretrainConfig;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.kernels.nm.NmCompressedLinear;
import org.sparsitystudio.kernels.nm.NmMethod;
import org.sparsitystudio.kernels.nm.NmSparseTraining;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TransformerBlock;
import org.sparsitystudio.kernels.nn.VisionTransformer;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Optimizer;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * Trains one network with N:M masks (SCIENCE.md §4): Adam with a cosine schedule to zero over
 * {@code epochs} full passes (the same steps for every method), the masks and rules of
 * {@link NmSparseTraining} before every step, and gradient statistics after every backward pass.
 * After the last step the hard target mask is applied ({@link NmSparseTraining#finish()}) before
 * the final evaluation, so the final accuracy is that of the exported N:M model.
 */
public final class NmSparseTrial {

    /**
     * One epoch's figures.
     *
     * @param epoch        1-based
     * @param trainLoss    mean training loss over the epoch's steps
     * @param testAccuracy accuracy on the test set after the epoch (after the hard mask for the last)
     * @param statistics   flip rate and gradient norms over the epoch
     * @param beta         β of the epoch's last step (0 after the last epoch of a sparse method)
     * @param keptPerGroup N of the masks at the epoch's end (M for dense steps)
     */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, NmSparseTraining.Statistics statistics,
            double beta, int keptPerGroup) {
    }

    /** Receives each epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(Epoch epoch);
    }

    /**
     * The run's outcome.
     *
     * @param finalTestAccuracy accuracy of the final (hard-masked) model
     * @param bestTestAccuracy  best accuracy after any epoch
     * @param exactGroupShare   share of the exported layers' groups holding exactly their N
     *                          nonzeros (1 when export works; NaN for dense)
     * @param maskedWeights     weights under N:M masks
     * @param epochs            every epoch
     */
    public record Result(double finalTestAccuracy, double bestTestAccuracy, double exactGroupShare, long maskedWeights,
            List<Epoch> epochs) {
    }

    private final NmTrialConfig config;
    private final Sequential model;
    private final List<Linear> targets;

    public NmSparseTrial(NmTrialConfig config) {
        this.config = config;
        this.model = build(config);
        this.targets = targets(model, config);
    }

    /** The small ViT of this kind: patch 7, width 64, 2 blocks, 4 heads, MLP 128, class token. */
    public static VisionTransformer.Config vit() {
        return PretrainConfig.smallVit(7, 64, 2, 4, 128);
    }

    private static Sequential build(NmTrialConfig c) {
        return c.architecture() == NmTrialConfig.Architecture.VIT
                ? VisionTransformer.of(vit(), DataType.FLOAT, c.seed())
                : Mlp.of(FashionMnist.FEATURES, new int[] {300, 100}, FashionMnist.CLASSES, DataType.FLOAT, c.seed());
    }

    /** The layers that get N:M masks, input side first. */
    public static List<Linear> targets(Sequential model, NmTrialConfig c) {
        List<Linear> out = new ArrayList<>();
        if (c.architecture() == NmTrialConfig.Architecture.MLP) {
            List<Linear> all = Mlp.linearLayers(model);
            return List.copyOf(all.subList(0, all.size() - 1));
        }
        for (Layer layer : model.layers()) {
            if (layer instanceof TransformerBlock block) {
                if (c.where() != NmTrialConfig.Where.MLP) {
                    out.add(block.attention().qkv());
                    out.add(block.attention().proj());
                }
                if (c.where() != NmTrialConfig.Where.ATTENTION) {
                    out.add(block.fc1());
                    out.add(block.fc2());
                }
            }
        }
        return List.copyOf(out);
    }

    public Sequential model() {
        return model;
    }

    public List<Linear> targets() {
        return targets;
    }

    /** Trains all epochs; {@code cancelled} is checked before every step, progress reported every 20 steps. */
    public Result run(FashionMnist data, EpochListener listener, DoubleConsumer progress, BooleanSupplier cancelled) {
        Batches train = new Batches(data.train(), config.batchSize(), config.seed(), true, DataType.FLOAT);
        Batches test = new Batches(data.test(), 1000, 0, false, DataType.FLOAT);
        int perEpoch = train.batchesPerEpoch();
        long totalSteps = (long) config.epochs() * perEpoch;
        NmSparseTraining nm = new NmSparseTraining(targets, new NmSparseTraining.Config(config.method(),
                config.pattern(), totalSteps, config.denseFraction(), config.fineTuneFraction(),
                config.recomputeInterval(), config.lambdaW()));
        Optimizer adam = Adam.adam(model.parameters());
        // gradients are measured between backward and update, which is where the optimizer is called
        Optimizer measured = new Optimizer() {
            @Override
            public void step(double lr) {
                nm.afterBackward();
                adam.step(lr);
            }

            @Override
            public long steps() {
                return adam.steps();
            }
        };
        ClassifierTrainer trainer = new ClassifierTrainer(model, measured,
                Schedule.cosine(config.learningRate(), totalSteps, 0), nm::beforeStep, cancelled)
                .onStep((step, loss) -> {
                    if ((step + 1) % 20 == 0) {
                        progress.accept((step + 1) / (double) totalSteps);
                    }
                });
        List<Epoch> epochs = new ArrayList<>();
        double best = 0;
        double last = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            train.startEpoch(epoch - 1);
            double lossSum = 0;
            for (int b = 0; b < perEpoch; b++) {
                lossSum += trainer.trainStep(train.next(b));
            }
            long lastStep = trainer.step() - 1;
            double beta = nm.betaAt(lastStep);
            var pattern = nm.patternAt(lastStep);
            if (epoch == config.epochs()) {
                nm.finish();
                beta = config.method() == NmMethod.DENSE ? 1 : 0;
                pattern = config.method() == NmMethod.DENSE ? null : config.pattern();
            }
            last = trainer.evaluate(test);
            best = Math.max(best, last);
            Epoch e = new Epoch(epoch, lossSum / perEpoch, last, nm.drainStatistics(), beta,
                    pattern == null ? config.pattern().m() : pattern.n());
            epochs.add(e);
            listener.onEpoch(e);
        }
        long masked = targets.stream().mapToLong(l -> l.weight().value().length()).sum();
        return new Result(last, best, exactGroupShare(nm), masked, List.copyOf(epochs));
    }

    private double exactGroupShare(NmSparseTraining nm) {
        if (config.method() == NmMethod.DENSE) {
            return Double.NaN;
        }
        long groups = 0;
        long exact = 0;
        for (NmCompressedLinear layer : nm.compressed()) {
            int m = layer.pattern().m();
            for (int row = 0; row < layer.outFeatures(); row++) {
                for (int g = 0; g < layer.groupsPerRow(); g++) {
                    int len = Math.min(m, layer.inFeatures() - g * m);
                    groups++;
                    exact += layer.nonzerosInGroup(row, g) == layer.pattern().keptIn(len) ? 1 : 0;
                }
            }
        }
        return (double) exact / groups;
    }
}
