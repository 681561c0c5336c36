package org.sparsitystudio.experiments.kinds.roma;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.mamba.VisionMamba;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TokenPooling;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * Evaluation of a pre-trained backbone on labelled scenes. The linear probe is a softmax
 * regression on the mean of the backbone's output tokens (RoMA's probe), computed once per image
 * with the backbone frozen and standardised with the training set's per-feature mean and standard
 * deviation; standardising (as MAE's probe does with a parameter-free batch norm) keeps the
 * regression's step size meaningful whatever scale the features came out at, so a random and a
 * pre-trained backbone are probed on equal terms. The fine-tune trains backbone and a fresh
 * linear head together on the mean-pooled tokens.
 */
public final class TokenProbe {

    /** Adam's rate for the regression: the problem is convex and small. */
    public static final double PROBE_LEARNING_RATE = 3e-3;
    /** Samples per step of the regression. */
    public static final int PROBE_BATCH = 256;
    private static final int FEATURE_BATCH = 200;

    /**
     * Accuracies.
     *
     * @param train accuracy on the training features after the last epoch
     * @param tests accuracy on each test set, in the order given
     */
    public record Accuracy(double train, List<Double> tests) {
    }

    private TokenProbe() {
    }

    /** The mean output token of every image of {@code data}, [size, dim], with no rotation set. */
    public static float[] meanTokens(VisionMamba backbone, ImageDataset data) {
        backbone.clearRotation();
        int dim = backbone.config().dim();
        int features = data.features();
        float[] out = new float[data.size() * dim];
        float[] rows = new float[FEATURE_BATCH * features];
        for (int start = 0; start < data.size(); start += FEATURE_BATCH) {
            int n = Math.min(FEATURE_BATCH, data.size() - start);
            for (int i = 0; i < n; i++) {
                data.copyRow(start + i, rows, i * features);
            }
            INDArray x = Nd4j.create(java.util.Arrays.copyOf(rows, n * features), new long[] {n, features}, 'c');
            float[] pooled = backbone.forward(x, false).mean(1).castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(pooled, 0, out, start * dim, n * dim);
        }
        return out;
    }

    /**
     * Fits a linear probe on {@code train}'s features and measures it on each of {@code tests}.
     *
     * @param epochs passes of the regression over the training features
     * @param seed   draws the regression's initial weights and batch order
     */
    public static Accuracy linearProbe(VisionMamba backbone, ImageDataset train, List<ImageDataset> tests, int epochs,
            long seed, BooleanSupplier cancelled) {
        int dim = backbone.config().dim();
        float[] trainFeatures = meanTokens(backbone, train);
        double[] mean = new double[dim];
        double[] std = new double[dim];
        for (int i = 0; i < train.size(); i++) {
            for (int k = 0; k < dim; k++) {
                mean[k] += trainFeatures[i * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= train.size();
        }
        for (int i = 0; i < train.size(); i++) {
            for (int k = 0; k < dim; k++) {
                double d = trainFeatures[i * dim + k] - mean[k];
                std[k] += d * d;
            }
        }
        for (int k = 0; k < dim; k++) {
            std[k] = Math.sqrt(std[k] / train.size() + 1e-6);
        }
        ImageDataset trainSet = standardised(train, trainFeatures, mean, std);
        List<Batches> testBatches = new ArrayList<>();
        for (ImageDataset test : tests) {
            ImageDataset t = standardised(test, meanTokens(backbone, test), mean, std);
            testBatches.add(new Batches(t, 1000, 0, false, DataType.FLOAT));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Linear head = new Linear(dim, train.classes(), true, DataType.FLOAT, rng);
        Batches batches = new Batches(trainSet, PROBE_BATCH, rng.nextLong(), true, DataType.FLOAT);
        ClassifierTrainer trainer = new ClassifierTrainer(head, Adam.adam(head.parameters()),
                Schedule.constant(PROBE_LEARNING_RATE), StepHook.NONE, cancelled);
        Batches trainEval = new Batches(trainSet, 1000, 0, false, DataType.FLOAT);
        double trainAccuracy = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            trainAccuracy = trainer.trainEpoch(epoch, batches, trainEval).testAccuracy();
        }
        List<Double> accuracies = new ArrayList<>();
        for (Batches b : testBatches) {
            accuracies.add(trainer.evaluate(b));
        }
        return new Accuracy(trainAccuracy, accuracies);
    }

    private static ImageDataset standardised(ImageDataset data, float[] features, double[] mean, double[] std) {
        int dim = mean.length;
        float[] out = new float[features.length];
        for (int i = 0; i < data.size(); i++) {
            for (int k = 0; k < dim; k++) {
                out[i * dim + k] = (float) ((features[i * dim + k] - mean[k]) / std[k]);
            }
        }
        return ImageDataset.of(data.name() + " mean tokens", dim, data.classes(), out, data.labels());
    }

    /**
     * Fine-tunes the backbone (in place) with a fresh linear head on the mean-pooled tokens, AdamW
     * at {@code learningRate} with a cosine schedule, and measures it on each of {@code tests}.
     */
    public static Accuracy fineTune(VisionMamba backbone, ImageDataset train, List<ImageDataset> tests, int epochs,
            int batchSize, double learningRate, double weightDecay, long seed, BooleanSupplier cancelled) {
        backbone.clearRotation();
        SplittableRandom rng = new SplittableRandom(seed);
        Linear head = new Linear(backbone.config().dim(), train.classes(), true, DataType.FLOAT, rng);
        Sequential model = new Sequential(backbone, new TokenPooling(TokenPooling.Mode.MEAN), head);
        Batches batches = new Batches(train, batchSize, rng.nextLong(), true, DataType.FLOAT);
        ClassifierTrainer trainer = new ClassifierTrainer(model, Adam.adamW(model.parameters(), 0.9, 0.999, 1e-8,
                weightDecay), Schedule.cosine(learningRate, (long) epochs * batches.batchesPerEpoch(), 0), StepHook.NONE,
                cancelled);
        Batches trainEval = new Batches(train, FEATURE_BATCH, 0, false, DataType.FLOAT);
        double trainAccuracy = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            trainAccuracy = trainer.trainEpoch(epoch, batches, trainEval).testAccuracy();
        }
        List<Double> accuracies = new ArrayList<>();
        for (ImageDataset test : tests) {
            accuracies.add(trainer.evaluate(new Batches(test, FEATURE_BATCH, 0, false, DataType.FLOAT)));
        }
        return new Accuracy(trainAccuracy, accuracies);
    }
}
