package org.sparsitystudio.experiments.pretraining;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.experiments.training.DivergedException;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.LayerNorm;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.MaskTokens;
import org.sparsitystudio.kernels.nn.MaskedMeanSquaredError;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.nn.PatchEmbedding;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.VisionTransformer;
import org.sparsitystudio.kernels.optim.Adam;

/**
 * Masked-patch reconstruction in the style of MAE (He et al., CVPR 2022) for a ViT built by
 * {@link VisionTransformer}: per image, {@code round(ratio · T)} of its T patches are chosen
 * uniformly at random; the encoder (patch embedding, positional embedding with class token,
 * blocks, final norm) sees those patches' tokens replaced by a learned mask token; a linear
 * decoder maps every output patch token back to the patch's pixels; the loss is the mean squared
 * error on the masked patches only, against the normalised pixels.
 *
 * <p>Two simplifications of MAE, both chosen for a 49-token model on a CPU: the masked tokens stay
 * in the encoder as mask tokens (SimMIM's layout) rather than being dropped and re-inserted before
 * a transformer decoder, and the decoder is one linear layer. The encoder's weights, which are what
 * essential sparsity prunes, are trained by the same signal: predict hidden patches from visible
 * ones. The classifier head is not trained here.
 */
public final class MaskedPatchPretraining {

    /** Mixed into the seed so that the masks and the decoder do not reuse the model's draws. */
    private static final long MASK_STREAM = 0x4D41534BL;

    private final PatchEmbedding patches;
    private final Layer positions;
    private final List<Layer> blocks;
    private final LayerNorm norm;
    private final MaskTokens maskTokens;
    private final Linear decoder;
    private final Adam adam;
    private final double learningRate;
    private final int tokens;
    private final int masked;
    private final SplittableRandom maskRng;
    private final MaskedMeanSquaredError loss = new MaskedMeanSquaredError();
    private long step;

    /**
     * @param vit    a model built by {@link VisionTransformer#of} with {@code config}; trained in place
     * @param ratio  share of each image's patches that are masked, in (0, 1)
     */
    public MaskedPatchPretraining(Sequential vit, VisionTransformer.Config config, double ratio, double learningRate,
            long seed) {
        List<Layer> layers = vit.layers();
        this.patches = (PatchEmbedding) layers.get(0);
        this.positions = layers.get(1);
        this.blocks = List.copyOf(layers.subList(2, 2 + config.depth()));
        this.norm = (LayerNorm) layers.get(2 + config.depth());
        this.tokens = patches.tokens();
        this.masked = (int) Math.round(ratio * tokens);
        if (masked < 1 || masked >= tokens) {
            throw new IllegalArgumentException("mask ratio " + ratio + " masks " + masked + " of " + tokens
                    + " patches; at least one must be masked and one visible");
        }
        SplittableRandom rng = new SplittableRandom(seed ^ MASK_STREAM);
        this.maskTokens = new MaskTokens(config.dim(), DataType.FLOAT, rng);
        int pixels = config.channels() * config.patch() * config.patch();
        this.decoder = new Linear(config.dim(), pixels, true, DataType.FLOAT, rng);
        this.maskRng = rng.split();
        this.learningRate = learningRate;
        List<Parameter> trained = new ArrayList<>();
        trained.addAll(patches.parameters());
        trained.addAll(positions.parameters());
        blocks.forEach(b -> trained.addAll(b.parameters()));
        trained.addAll(norm.parameters());
        trained.addAll(maskTokens.parameters());
        trained.addAll(decoder.parameters());
        this.adam = Adam.adam(trained);
        patches.setInputGradientRequired(false);
    }

    /** Patches masked per image. */
    public int maskedPerImage() {
        return masked;
    }

    /**
     * One pass over {@code train} (in the order of epoch {@code epoch}).
     *
     * @param afterStep receives the global step index after each step
     * @return the mean reconstruction loss over the epoch's batches
     */
    public double trainEpoch(int epoch, Batches train, BooleanSupplier cancelled, LongConsumer afterStep) {
        train.startEpoch(epoch - 1);
        double sum = 0;
        int n = train.batchesPerEpoch();
        for (int b = 0; b < n; b++) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException(step);
            }
            Batches.Batch batch = train.next(b);
            double value = trainStep(batch.features());
            if (!Double.isFinite(value)) {
                throw new DivergedException(step, value);
            }
            sum += value;
            afterStep.accept(step);
            step++;
        }
        return sum / n;
    }

    /** The reconstruction loss of {@code images} under a fresh random mask, and one Adam step. */
    double trainStep(INDArray images) {
        int batch = (int) images.size(0);
        INDArray mask = randomMask(batch);
        INDArray target = patches.patches(images);
        maskTokens.setMask(mask);
        INDArray h = positions.forward(maskTokens.forward(patches.forward(images, true), true), true);
        for (Layer block : blocks) {
            h = block.forward(h, true);
        }
        h = norm.forward(h, true);
        // the class token has no patch to reconstruct: only tokens 1..T go to the decoder
        INDArray patchTokens = h.get(NDArrayIndex.all(), NDArrayIndex.interval(1, tokens + 1), NDArrayIndex.all());
        double value = loss.forward(decoder.forward(patchTokens, true), target, mask);
        if (!Double.isFinite(value)) {
            return value;
        }
        INDArray gradTokens = decoder.backward(loss.gradient());
        INDArray g = Nd4j.zeros(DataType.FLOAT, h.shape());
        g.get(NDArrayIndex.all(), NDArrayIndex.interval(1, tokens + 1), NDArrayIndex.all()).assign(gradTokens);
        g = norm.backward(g);
        for (int i = blocks.size() - 1; i >= 0; i--) {
            g = blocks.get(i).backward(g);
        }
        patches.backward(maskTokens.backward(positions.backward(g)));
        maskTokens.setMask(null);
        adam.step(learningRate);
        return value;
    }

    /** [batch, T] with exactly {@code masked} ones per row, at positions drawn uniformly. */
    private INDArray randomMask(int batch) {
        float[] m = new float[batch * tokens];
        int[] order = new int[tokens];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                order[t] = t;
            }
            for (int i = 0; i < masked; i++) {
                int j = i + maskRng.nextInt(tokens - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                m[b * tokens + order[i]] = 1f;
            }
        }
        return Nd4j.create(m, new long[] {batch, tokens}, 'c');
    }

    /**
     * The tensors that exist only for pre-training, by checkpoint name: {@code mae.mask_token},
     * {@code mae.decoder.weight}, {@code mae.decoder.bias}. Copies, so that later training of the
     * model cannot change them.
     */
    public Map<String, INDArray> extras() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("mae.mask_token", maskTokens.token().value().dup());
        m.put("mae.decoder.weight", decoder.weight().value().dup());
        m.put("mae.decoder.bias", decoder.bias().value().dup());
        return m;
    }
}
