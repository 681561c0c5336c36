package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.MlpActivation;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.VisionTransformer;

/**
 * One lazy-neuron run's settings, read from a {@link RunSpec} of {@link LazyNeuronKind} and checked
 * together (what single parameter ranges cannot check: heads dividing the width, the patch
 * dividing the image, the depth fitting the declared per-layer metrics).
 *
 * @param architecture  {@code vit} or {@code mlp}
 * @param depth         transformer blocks, or hidden layers of the MLP
 * @param dim           ViT token width
 * @param heads         ViT attention heads
 * @param patch         ViT patch side in pixels
 * @param mlpHidden     hidden width of each MLP block (and of each hidden layer of the MLP)
 * @param activation    {@code relu}, {@code gelu} or {@code topk}
 * @param k             units kept per token by Top-k, unless {@code kFraction} is positive
 * @param kFraction     share of the width kept by Top-k; 0 to use {@code k}
 * @param geluThreshold value above which a GELU output counts as active
 * @param randomLabels  whether the training labels are permuted once
 * @param noiseInputs   whether the training images are replaced by N(0, 1) noise with random labels
 * @param labelNoise    share of training labels moved to another class
 * @param epochs        passes over the training set
 * @param batchSize     samples per step
 * @param learningRate  AdamW's constant learning rate
 * @param weightDecay   AdamW's decoupled weight decay
 * @param probeInterval optimizer steps between two density measurements
 * @param probeImages   images in the fixed probe batch
 * @param dataFraction  class-balanced share of the training set used
 * @param embeddedData  whether to use the embedded subset even when the full data set is installed
 * @param seed          the run seed
 */
public record LazyNeuronConfig(String architecture, int depth, int dim, int heads, int patch, int mlpHidden,
        String activation, int k, double kFraction, double geluThreshold, boolean randomLabels, boolean noiseInputs,
        double labelNoise, int epochs, int batchSize, double learningRate, double weightDecay, int probeInterval,
        int probeImages, double dataFraction, boolean embeddedData, long seed) {

    /** Checks what the parameter declarations cannot check one by one. */
    public LazyNeuronConfig {
        if (depth > LazyNeuronKind.MAX_DEPTH) {
            throw new IllegalArgumentException("depth " + depth + " exceeds the " + LazyNeuronKind.MAX_DEPTH
                    + " layers whose densities are declared as metrics");
        }
        // the fields are not assigned yet inside a compact constructor: read the parameters
        if (!architecture.equals("vit") && !architecture.equals("mlp")) {
            throw new IllegalArgumentException("unknown architecture " + architecture);
        }
        if (architecture.equals("vit")) {
            if (FashionMnist.SIDE % patch != 0) {
                throw new IllegalArgumentException("the patch size " + patch + " does not divide the image side "
                        + FashionMnist.SIDE + "; use 4, 7 or 14");
            }
            if (dim % heads != 0) {
                throw new IllegalArgumentException(heads + " heads do not divide the width " + dim);
            }
        }
    }

    /** Reads a run's parameters. */
    public static LazyNeuronConfig from(RunSpec run) {
        return new LazyNeuronConfig(run.choice("architecture"), run.intValue("depth"), run.intValue("dim"),
                run.intValue("heads"), run.intValue("patch"), run.intValue("mlpHidden"), run.choice("activation"),
                run.intValue("k"), run.doubleValue("kFraction"), run.doubleValue("geluThreshold"),
                run.choice("labels").equals("random"), run.choice("inputs").equals("noise"),
                run.doubleValue("labelNoise"), run.intValue("epochs"), run.intValue("batchSize"),
                run.doubleValue("learningRate"), run.doubleValue("weightDecay"), run.intValue("probeInterval"),
                run.intValue("probeImages"), run.doubleValue("dataFraction"), run.choice("data").equals("embedded"),
                run.seed());
    }

    /** Whether the model is the ViT (else the MLP). */
    public boolean isVit() {
        return architecture.equals("vit");
    }

    /** The MLP non-linearity this run uses. */
    public MlpActivation mlpActivation() {
        return switch (activation) {
            case "relu" -> MlpActivation.relu();
            case "gelu" -> MlpActivation.gelu();
            case "topk" -> kFraction > 0 ? MlpActivation.topKFraction(kFraction) : MlpActivation.topK(k);
            default -> throw new IllegalArgumentException("unknown activation " + activation);
        };
    }

    /** The value above which an activation counts: 0 ("nonzero") except for GELU. */
    public double threshold() {
        return activation.equals("gelu") ? geluThreshold : 0;
    }

    /** The model, initialised from the run seed, in FLOAT. */
    public Sequential buildModel() {
        if (isVit()) {
            VisionTransformer.Config config = new VisionTransformer.Config(1, FashionMnist.SIDE, FashionMnist.SIDE,
                    patch, dim, depth, heads, mlpHidden, FashionMnist.CLASSES, mlpActivation());
            return VisionTransformer.of(config, DataType.FLOAT, seed);
        }
        int[] hidden = new int[depth];
        java.util.Arrays.fill(hidden, mlpHidden);
        return Mlp.of(FashionMnist.FEATURES, hidden, FashionMnist.CLASSES, mlpActivation(), DataType.FLOAT, seed);
    }

    /** E.g. {@code ViT d64×4, d_ff 256, relu}. */
    public String describeModel() {
        String act = activation.equals("topk") ? (kFraction > 0 ? "top-" + kFraction + "·width" : "top-" + k)
                : activation;
        return isVit()
                ? String.format(Locale.ROOT, "ViT patch %d, d %d × %d blocks, %d heads, d_ff %d, %s", patch, dim, depth,
                        heads, mlpHidden, act)
                : String.format(Locale.ROOT, "MLP %d hidden layers of %d, %s", depth, mlpHidden, act);
    }
}
