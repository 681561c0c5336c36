package org.sparsitystudio.experiments.pretraining;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * A linear probe: the model's last layer (its head, a {@link Linear}) trained on the frozen
 * features that everything before it computes, the standard way to measure what a self-supervised
 * model has learnt. The features are computed once per fit (in evaluation mode), so a fit costs one
 * forward pass over the training set plus a softmax regression.
 *
 * <p>Every {@link #fit} starts from the head's values when the probe was created, so that
 * re-fitting on the features of a pruned model differs from the dense fit only in the features.
 */
public final class LinearProbe {

    /**
     * Optimizer steps of the softmax regression, at least: counted in steps rather than epochs so
     * that a probe on a small data share is trained as far as one on the full set.
     */
    public static final int MIN_STEPS = 2000;
    /** Epochs of the softmax regression, at least: on the full set this exceeds {@link #MIN_STEPS}. */
    public static final int MIN_EPOCHS = 10;
    /** Adam's rate for the regression; larger than for whole networks because the problem is convex and small. */
    public static final double LEARNING_RATE = 3e-3;
    private static final int BATCH = 256;
    private static final int FEATURE_BATCH = 1000;

    private final Sequential model;
    private final Linear head;
    private final List<INDArray> initial = new ArrayList<>();
    private final long seed;

    /**
     * @param model a model whose last layer is a {@link Linear} head
     * @param seed  the seed of the regression's batch order
     */
    public LinearProbe(Sequential model, long seed) {
        List<Layer> layers = model.layers();
        if (!(layers.get(layers.size() - 1) instanceof Linear last)) {
            throw new IllegalArgumentException("a linear probe needs a model ending in a Linear head");
        }
        this.model = model;
        this.head = last;
        this.seed = seed;
        head.parameters().forEach(p -> initial.add(p.value().dup()));
    }

    /**
     * Fits the head on the features of {@code train} from the model as it is now (masks included)
     * and returns the probe's accuracy on {@code train}'s features after the last epoch.
     *
     * @param cancelled checked before every step of the regression
     */
    public double fit(ImageDataset train, BooleanSupplier cancelled) {
        List<Parameter> params = head.parameters();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).value().assign(initial.get(i));
        }
        // a pruned head keeps its zeros: re-apply the mask to the restored values
        head.maskChanged();
        ImageDataset features = features(train);
        Batches batches = new Batches(features, BATCH, seed, true, DataType.FLOAT);
        ClassifierTrainer trainer = new ClassifierTrainer(head, Adam.adam(params), Schedule.constant(LEARNING_RATE),
                StepHook.NONE, cancelled);
        double accuracy = Double.NaN;
        int epochs = Math.max(MIN_EPOCHS, (MIN_STEPS + batches.batchesPerEpoch() - 1) / batches.batchesPerEpoch());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            accuracy = trainer.trainEpoch(epoch, batches, new Batches(features, FEATURE_BATCH, 0, false, DataType.FLOAT))
                    .testAccuracy();
        }
        // the trainer switched the head's input gradient off; fine-tuning the whole model needs it
        head.setInputGradientRequired(true);
        return accuracy;
    }

    /** What the layers before the head compute for every sample of {@code data}, as a data set. */
    ImageDataset features(ImageDataset data) {
        List<Layer> layers = model.layers();
        Batches batches = new Batches(data, FEATURE_BATCH, 0, false, DataType.FLOAT);
        int width = head.inFeatures();
        float[] out = new float[data.size() * width];
        int row = 0;
        batches.startEpoch(0);
        for (int b = 0; b < batches.batchesPerEpoch(); b++) {
            INDArray x = batches.next(b).features();
            for (int i = 0; i < layers.size() - 1; i++) {
                x = layers.get(i).forward(x, false);
            }
            float[] values = x.dup('c').data().asFloat();
            System.arraycopy(values, 0, out, row * width, values.length);
            row += (int) x.size(0);
        }
        return ImageDataset.of(data.name() + " features", width, data.classes(), out, data.labels());
    }
}
