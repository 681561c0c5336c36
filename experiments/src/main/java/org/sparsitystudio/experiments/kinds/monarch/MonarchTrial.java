package org.sparsitystudio.experiments.kinds.monarch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.EpochResult;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.count.ModelCost;
import org.sparsitystudio.kernels.monarch.MonarchFactors;
import org.sparsitystudio.kernels.monarch.MonarchLinear;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Optimizer;
import org.sparsitystudio.kernels.optim.Schedule;
import org.sparsitystudio.kernels.optim.Sgd;

/**
 * Runs one configuration of the Monarch study on Fashion-MNIST: either the structured MLP or ViT
 * trained from scratch, or a dense MLP trained, projected onto the structure (the errors recorded),
 * evaluated, and fine-tuned. The learning rate is constant, as in the reference MLP recipe, so a
 * fine-tune continues at the rate the dense model was trained with.
 */
public final class MonarchTrial {

    /** Receives each epoch's result; fine-tune epochs continue the numbering of the dense ones. */
    @FunctionalInterface
    public interface EpochListener {
        /** Called after each epoch. */
        void onEpoch(EpochResult result);
    }

    /** Receives the moment after the projection, before any fine-tuning. */
    @FunctionalInterface
    public interface ProjectionListener {
        /** Called once in project mode with the dense and the projected accuracy. */
        void onProjected(double denseAccuracy, double projectedAccuracy, Map<Integer, Double> errors);
    }

    private final MonarchConfig config;

    /** A trial of {@code config}; nothing is built until {@link #run}. */
    public MonarchTrial(MonarchConfig config) {
        this.config = config;
    }

    /** Trains (and in project mode projects and fine-tunes); {@code cancelled} is checked before every step. */
    public MonarchTrialResult run(FashionMnist data, EpochListener epochs, ProjectionListener projected,
            DoubleConsumer progress, BooleanSupplier cancelled) {
        int in = data.train().features();
        int classes = data.train().classes();
        Batches train = new Batches(data.train(), config.batchSize(), config.seed(), true, DataType.FLOAT);
        Batches test = new Batches(data.test(), 1000, 0, false, DataType.FLOAT);
        long totalSteps = (long) config.totalEpochs() * train.batchesPerEpoch();
        if (config.architecture() == MonarchConfig.Architecture.VIT) {
            StructuredVit vit = StructuredVit.build(config);
            double accuracy = train(vit.model(), train, test, 1, config.epochs(), 0, totalSteps, epochs, progress,
                    cancelled);
            return result(vit.model(), vit.structuredParameters(), vit.replacedLayers(), data, accuracy, Double.NaN,
                    Double.NaN, Map.of());
        }
        if (config.mode() == MonarchConfig.Mode.FROM_SCRATCH) {
            StructuredMlp model = StructuredMlp.build(config, in, classes);
            double accuracy = train(model.model(), train, test, 1, config.epochs(), 0, totalSteps, epochs, progress,
                    cancelled);
            return result(model, data, accuracy, Double.NaN, Double.NaN, Map.of());
        }
        StructuredMlp dense = StructuredMlp.build(config.withLayer(LayerChoice.DENSE), in, classes);
        double denseAccuracy = train(dense.model(), train, test, 1, config.epochs(), 0, totalSteps, epochs, progress,
                cancelled);
        StructuredMlp.Projected p = StructuredMlp.project(dense, config, in, classes);
        ClassifierTrainer evaluator = trainer(p.model().model(), cancelled);
        double before = evaluator.evaluate(test);
        projected.onProjected(denseAccuracy, before, p.errors());
        double accuracy = before;
        if (config.fineTuneEpochs() > 0) {
            long offset = (long) config.epochs() * train.batchesPerEpoch();
            accuracy = train(p.model().model(), train, test, config.epochs() + 1, config.fineTuneEpochs(), offset,
                    totalSteps, epochs, progress, cancelled);
        }
        return result(p.model(), data, accuracy, denseAccuracy, before, p.errors());
    }

    private double train(Sequential model, Batches train, Batches test, int firstEpoch, int count, long stepOffset,
            long totalSteps, EpochListener listener, DoubleConsumer progress, BooleanSupplier cancelled) {
        ClassifierTrainer trainer = trainer(model, cancelled).onStep((step, loss) -> {
            if ((step + 1) % 20 == 0) {
                progress.accept((stepOffset + step + 1) / (double) totalSteps);
            }
        });
        double last = Double.NaN;
        for (int epoch = firstEpoch; epoch < firstEpoch + count; epoch++) {
            EpochResult r = trainer.trainEpoch(epoch, train, test);
            listener.onEpoch(r);
            last = r.testAccuracy();
        }
        return last;
    }

    private ClassifierTrainer trainer(Sequential model, BooleanSupplier cancelled) {
        Optimizer optimizer = config.optimizer().equals("adam") ? Adam.adam(model.parameters())
                : new Sgd(model.parameters(), 0.9, true, 5e-4);
        return new ClassifierTrainer(model, optimizer, Schedule.constant(config.learningRate()), StepHook.NONE,
                cancelled);
    }

    private static MonarchTrialResult result(StructuredMlp model, FashionMnist data, double accuracy,
            double denseAccuracy, double before, Map<Integer, Double> errors) {
        Map<String, Layer> replaced = new LinkedHashMap<>();
        for (int number : model.replacedLayers()) {
            replaced.put(MonarchImages.layerName(number), model.layer(number));
        }
        return result(model.model(), model.structuredParameters(), replaced, data, accuracy, denseAccuracy, before,
                errors);
    }

    private static MonarchTrialResult result(Sequential model, long structuredParameters, Map<String, Layer> replaced,
            FashionMnist data, double accuracy, double denseAccuracy, double before, Map<Integer, Double> errors) {
        ModelCost cost = FlopCounter.count(model, Nd4j.zeros(DataType.FLOAT, 1, data.train().features()));
        Map<String, MonarchFactors> factors = new LinkedHashMap<>();
        replaced.forEach((name, layer) -> {
            if (layer instanceof MonarchLinear monarch) {
                MonarchFactors f = monarch.factors();
                factors.put(name, new MonarchFactors(f.in(), f.out(), f.blocks(), f.blkdiag1().dup(),
                        f.blkdiag2().dup()));
            }
        });
        return new MonarchTrialResult(accuracy, cost.nonzeroParameters(), structuredParameters,
                cost.effectiveForwardFlops(), denseAccuracy, before, errors, factors);
    }
}
