package org.sparsitystudio.experiments.pretraining;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.EpochResult;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * Runs a pre-training: takes the configured share of the training set, builds the model and trains
 * it with Adam at a constant rate (the reference recipe of shared/peer, so that the MLP's curves
 * are comparable with PyTorch's), either on the labels or by masked-patch reconstruction.
 */
public final class Pretraining {

    /** Receives what pre-training reports. */
    public interface Listener {
        /** Nothing to report. */
        Listener NONE = (epoch, loss, accuracy) -> { };

        /**
         * One epoch ended.
         *
         * @param trainLoss    mean training loss of the epoch (cross-entropy, or reconstruction MSE)
         * @param testAccuracy test accuracy after the epoch; NaN for masked-patch pre-training,
         *                     whose head is not trained
         */
        void epoch(int epoch, double trainLoss, double testAccuracy);

        /** The share of pre-training done, every few steps. */
        default void progress(double fraction) {
        }
    }

    /** Steps between two progress reports: often enough for a progress bar, rare enough to cost nothing. */
    private static final int PROGRESS_EVERY = 20;

    private Pretraining() {
    }

    /**
     * Pre-trains as {@code config} says on {@code data}'s training set (its share) and reports each
     * epoch; the test set is used only for the supervised model's per-epoch accuracy.
     *
     * @param cancelled checked before every step
     * @throws org.sparsitystudio.experiments.training.CancelledException when cancelled
     * @throws org.sparsitystudio.experiments.training.DivergedException on a non-finite loss
     */
    public static Pretrained run(PretrainConfig config, FashionMnist data, Listener listener, BooleanSupplier cancelled) {
        ImageDataset train = data.train().balancedSubset(config.dataFraction(), config.seed());
        Sequential model = config.buildModel();
        Batches batches = new Batches(train, config.batchSize(), config.seed(), true, DataType.FLOAT);
        long total = (long) config.epochs() * batches.batchesPerEpoch();
        if (config.objective() == Objective.MAE) {
            MaskedPatchPretraining mae = new MaskedPatchPretraining(model, config.vit(), config.maskRatio(),
                    config.learningRate(), config.seed());
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                double loss = mae.trainEpoch(epoch, batches, cancelled, step -> report(listener, step, total));
                listener.epoch(epoch, loss, Double.NaN);
            }
            return new Pretrained(config, model, train, mae.extras());
        }
        Batches test = new Batches(data.test(), 1000, 0, false, DataType.FLOAT);
        ClassifierTrainer trainer = new ClassifierTrainer(model, Adam.adam(model.parameters()),
                Schedule.constant(config.learningRate()), StepHook.NONE, cancelled)
                .onStep((step, loss) -> report(listener, step, total));
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            EpochResult r = trainer.trainEpoch(epoch, batches, test);
            listener.epoch(epoch, r.trainLoss(), r.testAccuracy());
        }
        return new Pretrained(config, model, train, Map.of());
    }

    private static void report(Listener listener, long step, long total) {
        if ((step + 1) % PROGRESS_EVERY == 0) {
            listener.progress((step + 1) / (double) total);
        }
    }
}
