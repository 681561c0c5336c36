package org.sparsitystudio.experiments.kinds.roma;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.sparsitystudio.kernels.mamba.VisionMamba;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * One RoMA run: build the backbone, pre-train it (unless it is the random-initialisation
 * baseline), measure the held-out next-patch loss, probe it linearly on upright and rotated test
 * scenes, and optionally fine-tune it.
 */
public final class RomaTrial {

    /** Steps at the end of pre-training averaged into the final loss: one step's batch is noisy. */
    static final int FINAL_WINDOW = 10;

    /**
     * What a run measured; NaN where a part did not run (no pre-training, no fine-tune).
     *
     * @param finalPretrainLoss       mean total loss of the last {@link #FINAL_WINDOW} steps
     * @param finalPretrainLossScale1 the same for the scale-1 loss alone
     * @param targetVariance          mean variance of the normalised targets over those steps
     * @param heldOutLoss             scale-1 loss on the upright test images, no rotation
     * @param probeAccuracy           linear probe, upright test set
     * @param probeAccuracyRotated    linear probe, rotated test set
     * @param probeTrainAccuracy      linear probe on its own training features
     * @param fineTuneAccuracy        fine-tuned, upright test set
     * @param fineTuneAccuracyRotated fine-tuned, rotated test set
     * @param parameters              weights of the backbone (without the pre-training head)
     */
    public record Result(double finalPretrainLoss, double finalPretrainLossScale1, double targetVariance,
            double heldOutLoss, double probeAccuracy, double probeAccuracyRotated, double probeTrainAccuracy,
            double fineTuneAccuracy, double fineTuneAccuracyRotated, long parameters) {
    }

    private final RomaConfig config;

    /** A run of {@code config}. */
    public RomaTrial(RomaConfig config) {
        this.config = config;
    }

    /**
     * Runs it.
     *
     * @param pool      pre-training images ({@link SceneData#pretrainPool}); unused for random-init
     * @param onStep    every pre-training step
     * @param progress  the share done, 0 to 1
     */
    public Result run(SceneData data, float[] pool, AutoregressivePretraining.Listener onStep, DoubleConsumer progress,
            BooleanSupplier cancelled) {
        VisionMamba backbone = config.build();
        long parameters = backbone.parameters().stream().mapToLong(Parameter::size).sum();
        double finalLoss = Double.NaN;
        double finalScale1 = Double.NaN;
        double variance = Double.NaN;
        double heldOut = Double.NaN;
        boolean fineTunes = config.fineTuneEpochs() > 0;
        double pretrainShare = fineTunes ? 0.8 : 0.95;
        if (config.backbone().pretrains() && config.pretrainSteps() > 0) {
            AutoregressivePretraining pretraining = new AutoregressivePretraining(backbone, config.pretraining(),
                    config.seed() ^ 0x526F4D41L);
            double[] sums = new double[3];
            int steps = config.pretrainSteps();
            int window = Math.min(FINAL_WINDOW, steps);
            pretraining.run(pool, config.pretrainImages(), cancelled, s -> {
                if (s.step() >= steps - window) {
                    sums[0] += s.loss();
                    sums[1] += s.scaleLosses()[0];
                    sums[2] += s.targetVariance();
                }
                onStep.afterStep(s);
                progress.accept(pretrainShare * (s.step() + 1) / steps);
            });
            finalLoss = sums[0] / window;
            finalScale1 = sums[1] / window;
            variance = sums[2] / window;
            heldOut = pretraining.heldOutLoss(data.test().pixels(), data.test().size());
        }
        TokenProbe.Accuracy probe = TokenProbe.linearProbe(backbone, data.train(),
                List.of(data.test(), data.rotatedTest()), config.probeEpochs(), config.seed() ^ 0x50524F42L, cancelled);
        progress.accept(fineTunes ? 0.85 : 1.0);
        double fineTune = Double.NaN;
        double fineTuneRotated = Double.NaN;
        if (fineTunes) {
            TokenProbe.Accuracy tuned = TokenProbe.fineTune(backbone, data.train(),
                    List.of(data.test(), data.rotatedTest()), config.fineTuneEpochs(), config.batchSize(),
                    config.learningRate(), config.weightDecay(), config.seed() ^ 0x46494E45L, cancelled);
            fineTune = tuned.tests().get(0);
            fineTuneRotated = tuned.tests().get(1);
            progress.accept(1.0);
        }
        return new Result(finalLoss, finalScale1, variance, heldOut, probe.tests().get(0), probe.tests().get(1),
                probe.train(), fineTune, fineTuneRotated, parameters);
    }
}
