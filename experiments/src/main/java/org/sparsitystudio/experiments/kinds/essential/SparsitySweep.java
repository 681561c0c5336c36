package org.sparsitystudio.experiments.kinds.essential;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.pretraining.LinearProbe;
import org.sparsitystudio.experiments.pretraining.Pretrained;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.SoftmaxCrossEntropy;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * The one-shot pruning sweep of essential sparsity (SCIENCE.md §2): for each sparsity of a grid,
 * the pre-trained model is pruned by magnitude from its dense weights and its test accuracy
 * measured, without retraining (mode A) or after a short fine-tune with the mask fixed (mode B).
 * A model pre-trained without labels is read through a linear probe fitted once on the dense
 * features (kept fixed), or re-fitted at every level on request.
 */
public final class SparsitySweep {

    /**
     * How to prune and evaluate.
     *
     * @param scope                      one threshold over all layers, or one per layer
     * @param weights                    which layers may be pruned
     * @param keepEmbeddingsAndHeadDense whether the embedding and head stay dense
     * @param refitProbe                 whether the probe is re-fitted on each level's features
     * @param fineTuneEpochs             epochs of supervised fine-tuning after pruning; 0 for mode A
     * @param fineTuneLearningRate       Adam's constant rate while fine-tuning
     * @param batchSize                  the fine-tune's batch size
     */
    public record Options(PruningScope scope, WeightSelection weights, boolean keepEmbeddingsAndHeadDense,
            boolean refitProbe, int fineTuneEpochs, double fineTuneLearningRate, int batchSize) {

        /** Mode A with the given scope and selection: no probe refit, no fine-tune. */
        public static Options oneShot(PruningScope scope, WeightSelection weights, boolean keepEmbeddingsAndHeadDense) {
            return new Options(scope, weights, keepEmbeddingsAndHeadDense, false, 0, 1e-4, 128);
        }
    }

    /**
     * One grid point's outcome.
     *
     * @param index         position in the grid
     * @param sparsity      the requested sparsity of the prunable weights
     * @param accuracy      test accuracy of the pruned (and possibly fine-tuned) model
     * @param modelSparsity the share of all linear weights of the model that are pruned, lower than
     *                      {@code sparsity} when some layers are kept dense
     */
    public record Level(int index, double sparsity, double accuracy, double modelSparsity) {
    }

    /** Receives each level as soon as it is measured. */
    @FunctionalInterface
    public interface LevelListener {
        /** One level was measured. */
        void level(Level level);
    }

    private final Pretrained pretrained;
    private final ImageDataset test;
    private final Options options;
    private final LinearProbe probe;
    private final OneShotPruner pruner;
    private final long linearWeights;

    /**
     * @param pretrained the model, with its head ready (trained, or fitted by {@code probe})
     * @param test       the evaluation set
     * @param probe      the probe the head was fitted by, or {@code null} for a supervised head
     */
    public SparsitySweep(Pretrained pretrained, ImageDataset test, Options options, LinearProbe probe) {
        this.pretrained = pretrained;
        this.test = test;
        this.options = options;
        this.probe = probe;
        this.pruner = new OneShotPruner(pretrained.model(),
                options.weights().select(pretrained.model(), options.keepEmbeddingsAndHeadDense()), options.scope());
        this.linearWeights = WeightSelection.ALL.select(pretrained.model(), false).values().stream()
                .mapToLong(l -> l.weight().value().length()).sum();
    }

    /** The pruner, for the masks and per-layer sparsities at any level. */
    public OneShotPruner pruner() {
        return pruner;
    }

    /**
     * Measures every level of {@code grid} in order; the model is dense again afterwards.
     *
     * @param cancelled checked before each level and every training step
     * @throws CancelledException when cancelled
     */
    public List<Level> run(double[] grid, LevelListener listener, BooleanSupplier cancelled) {
        List<Level> levels = new ArrayList<>();
        try {
            for (int i = 0; i < grid.length; i++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException();
                }
                List<INDArray> masks = pruner.apply(grid[i]);
                if (options.refitProbe() && probe != null) {
                    probe.fit(pretrained.trainSet(), cancelled);
                }
                if (options.fineTuneEpochs() > 0) {
                    fineTune(i, cancelled);
                }
                Level level = new Level(i, grid[i], accuracy(pretrained.model(), test),
                        OneShotPruner.prunedCount(masks) / (double) linearWeights);
                levels.add(level);
                listener.level(level);
            }
        } finally {
            pruner.restore();
        }
        return levels;
    }

    /** Supervised training of the whole pruned model; the masks keep pruned weights at zero. */
    private void fineTune(int levelIndex, BooleanSupplier cancelled) {
        Layer model = pretrained.model();
        Batches train = new Batches(pretrained.trainSet(), options.batchSize(),
                pretrained.config().seed() * 31 + levelIndex, true, DataType.FLOAT);
        ClassifierTrainer trainer = new ClassifierTrainer(model, Adam.adam(model.parameters()),
                Schedule.constant(options.fineTuneLearningRate()), StepHook.NONE, cancelled);
        for (int epoch = 1; epoch <= options.fineTuneEpochs(); epoch++) {
            train.startEpoch(epoch - 1);
            for (int b = 0; b < train.batchesPerEpoch(); b++) {
                trainer.trainStep(train.next(b));
            }
        }
    }

    /** The share of {@code data} whose largest logit is the label, in batches of 1,000. */
    public static double accuracy(Layer model, ImageDataset data) {
        Batches batches = new Batches(data, 1000, 0, false, DataType.FLOAT);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        long correct = 0;
        batches.startEpoch(0);
        for (int b = 0; b < batches.batchesPerEpoch(); b++) {
            Batches.Batch batch = batches.next(b);
            loss.forward(model.forward(batch.features(), false), batch.labels());
            correct += loss.correct();
        }
        return correct / (double) data.size();
    }
}
