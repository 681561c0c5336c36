package org.sparsitystudio.experiments.kinds.roma;

import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.kernels.mamba.VisionMamba;

/**
 * Everything that determines one RoMA run.
 *
 * @param backbone         the model and whether it pre-trains
 * @param dim              token width d
 * @param layers           blocks
 * @param imageSize        image side, 32 or 64 (patch 4 or 8)
 * @param pretrainImages   unlabelled images to pre-train on
 * @param pretrainSteps    optimizer steps of pre-training
 * @param rotation         whether pre-training rotates a window of each image
 * @param angleEmbedding   whether the rotated tokens are told the angle
 * @param scales           1 (the plain next-patch loss) or 3 (also after 2× and 4× pooling)
 * @param probeEpochs      passes of the linear probe's regression
 * @param fineTuneEpochs   epochs of the optional fine-tune; 0 skips it
 * @param learningRate     AdamW's peak rate (pre-training and fine-tune)
 * @param weightDecay      AdamW's decoupled decay
 * @param batchSize        images per pre-training and fine-tune step
 * @param probePerClass    labelled training images per class for probe and fine-tune
 * @param testPerClass     test images per class, upright and rotated each
 * @param seed             the run seed: weights, batch order, crops and angles
 */
public record RomaConfig(BackboneChoice backbone, int dim, int layers, int imageSize, int pretrainImages,
        int pretrainSteps, boolean rotation, boolean angleEmbedding, int scales, int probeEpochs, int fineTuneEpochs,
        double learningRate, double weightDecay, int batchSize, int probePerClass, int testPerClass, long seed) {

    /** Checks the combinations the parameter ranges cannot. */
    public RomaConfig {
        Objects.requireNonNull(backbone, "backbone");
        if (imageSize != 32 && imageSize != 64) {
            throw new IllegalArgumentException("image size must be 32 or 64, got " + imageSize);
        }
        if (scales != 1 && scales != 3) {
            throw new IllegalArgumentException("scales must be 1 or 3, got " + scales);
        }
        if (backbone == BackboneChoice.VIT && dim % heads(dim) != 0) {
            throw new IllegalArgumentException("the transformer baseline splits d into d / 16 heads; d = " + dim
                    + " does not split into " + heads(dim));
        }
    }

    /** Attention heads of the transformer baseline: ⌊d / 16⌋, at least one, so heads are about 16 wide. */
    static int heads(int dim) {
        return Math.max(1, dim / 16);
    }

    /** Patch side: 4 on 32², 8 on 64², so either size has 64 tokens. */
    public int patch() {
        return imageSize / 8;
    }

    /** The pooling factors of the loss. */
    public int[] scaleFactors() {
        return scales == 1 ? new int[] {1} : new int[] {1, 2, 4};
    }

    /** The backbone's shape. */
    public VisionMamba.Config backboneConfig() {
        return VisionMamba.Config.rgb(imageSize, dim, layers).withAngleEmbedding(angleEmbedding);
    }

    /**
     * The model, initialised from the run seed. The transformer baseline has MLPs of width 2d, which
     * gives it about as many weights per block as a Mamba block (8d² + biases against 6d² plus the
     * scan's parameters; 33.5k against 32.7k at d = 64).
     */
    public VisionMamba build() {
        SplittableRandom rng = new SplittableRandom(seed);
        return backbone == BackboneChoice.VIT
                ? VisionMamba.causalTransformer(backboneConfig(), heads(dim), 2 * dim, DataType.FLOAT, rng)
                : VisionMamba.mamba(backboneConfig(), DataType.FLOAT, rng);
    }

    /** The pre-training settings. */
    public AutoregressivePretraining.Settings pretraining() {
        return new AutoregressivePretraining.Settings(rotation, scaleFactors(), learningRate, weightDecay, batchSize,
                pretrainSteps);
    }
}
