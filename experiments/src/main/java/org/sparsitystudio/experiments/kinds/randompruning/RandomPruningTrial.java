package org.sparsitystudio.experiments.kinds.randompruning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.EpochResult;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.count.ModelCost;
import org.sparsitystudio.kernels.nn.Conv2d;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Optimizer;
import org.sparsitystudio.kernels.optim.Schedule;
import org.sparsitystudio.kernels.optim.Sgd;
import org.sparsitystudio.kernels.sparsity.LayerShape;
import org.sparsitystudio.kernels.sparsity.RandomMask;

/**
 * Trains one network pruned at random at initialisation (SCIENCE.md §1): per-layer densities from
 * the distribution, exactly round(d_l · P_l) random weights kept per layer, pruned weights zero
 * from the start and dropped from every update; biases stay dense.
 */
public final class RandomPruningTrial {

    /** Receives each epoch's result. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochResult result);
    }

    private final TrialConfig config;
    private final Sequential model;
    private final List<Double> densities;

    public RandomPruningTrial(TrialConfig config) {
        this.config = config;
        this.model = config.architecture().build(config.width(), config.depth(), DataType.FLOAT, config.seed());
        this.densities = applyMasks();
    }

    public Sequential model() {
        return model;
    }

    /** The density given to each prunable layer, input side first. */
    public List<Double> layerDensities() {
        return densities;
    }

    /** The prunable layers (Linear and Conv2d), input side first. */
    public static List<Layer> prunableLayers(Sequential model) {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Linear || layer instanceof Conv2d) {
                out.add(layer);
            }
        }
        return out;
    }

    private List<Double> applyMasks() {
        List<Layer> prunable = prunableLayers(model);
        List<LayerShape> shapes = new ArrayList<>();
        for (int i = 0; i < prunable.size(); i++) {
            long[] s = weightOf(prunable.get(i)).shape();
            shapes.add(s.length == 2 ? LayerShape.linear("layer" + i, s[0], s[1])
                    : new LayerShape("layer" + i, s[0], s[1], s[2], s[3]));
        }
        double[] d = config.sparsity() == 0 ? ones(shapes.size())
                : config.distribution().densities(shapes, config.density(), config.firstLayerDense());
        SplittableRandom seeds = new SplittableRandom(config.seed() ^ 0x52414E44L);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < prunable.size(); i++) {
            long maskSeed = seeds.nextLong();
            out.add(d[i]);
            if (d[i] >= 1) {
                continue;
            }
            INDArray w = weightOf(prunable.get(i));
            INDArray mask = RandomMask.create(d[i], maskSeed, w.dataType(), w.shape());
            if (prunable.get(i) instanceof Linear linear) {
                linear.setMask(mask, PrunedWeightRule.DROP);
            } else {
                ((Conv2d) prunable.get(i)).setMask(mask);
            }
        }
        return List.copyOf(out);
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    private static INDArray weightOf(Layer layer) {
        return layer instanceof Linear linear ? linear.weight().value() : ((Conv2d) layer).weight().value();
    }

    /** Trains all epochs; {@code cancelled} is checked before every step. */
    public TrialResult run(FashionMnist data, EpochListener listener, BooleanSupplier cancelled) {
        return run(data, listener, fraction -> { }, cancelled);
    }

    /** As {@link #run(FashionMnist, EpochListener, BooleanSupplier)}, reporting progress every 20 steps. */
    public TrialResult run(FashionMnist data, EpochListener listener, java.util.function.DoubleConsumer progress,
            BooleanSupplier cancelled) {
        Batches train = new Batches(data.train(), config.batchSize(), config.seed(), true, DataType.FLOAT);
        Batches test = new Batches(data.test(), 1000, 0, false, DataType.FLOAT);
        long totalSteps = (long) config.epochs() * train.batchesPerEpoch();
        Optimizer optimizer = config.optimizer().equals("adam") ? Adam.adam(model.parameters())
                : new Sgd(model.parameters(), 0.9, true, 5e-4);
        ClassifierTrainer trainer = new ClassifierTrainer(model, optimizer,
                Schedule.cosine(config.learningRate(), totalSteps, 0), StepHook.NONE, cancelled)
                .onStep((step, loss) -> {
                    if ((step + 1) % 20 == 0) {
                        progress.accept((step + 1) / (double) totalSteps);
                    }
                });
        double best = 0;
        double last = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            EpochResult r = trainer.trainEpoch(epoch, train, test);
            listener.onEpoch(r);
            last = r.testAccuracy();
            best = Math.max(best, last);
        }
        ModelCost cost = FlopCounter.count(model, Nd4j.zeros(DataType.FLOAT, 1, data.train().features()));
        return new TrialResult(last, best, cost.parameters(), cost.nonzeroParameters(), cost.effectiveForwardFlops(),
                cost.forwardFlops(), densities);
    }
}
