package org.sparsitystudio.kernels.mamba;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Buffers;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;
import org.sparsitystudio.kernels.nn.PatchEmbedding;
import org.sparsitystudio.kernels.nn.PositionalEmbedding;
import org.sparsitystudio.kernels.nn.TransformerBlock;

/**
 * RoMA's vision backbone: images [batch, C·H·W] (or [batch, C, H, W]) become tokens
 * [batch, T, dim] by
 * <pre>
 *   x = PatchEmbed(image) + pos_embed + angle_embed     (T = (H/p)·(W/p) patches, raster order)
 *   x ← block_i(x)                                      (i = 0 … layers − 1)
 *   out = RMSNorm(x)
 * </pre>
 * There is no class token: the sequence is read causally in raster order (left to right, then top
 * to bottom), so output t depends on patches 0 … t only, which is what lets every token predict
 * the next one during autoregressive pre-training. Features for a classifier are the mean over
 * tokens.
 *
 * <p>The angle term is present only when the configuration asks for it and only while a rotation
 * is {@linkplain #setRotation set}; without one (evaluation on ordinary images) every token's angle
 * term is 0, as for the unrotated tokens of a crop.
 *
 * <p>{@link #mamba} builds the Mamba model ({@link MambaBlock}s, named {@code layers.i.…}).
 * {@link #causalTransformer} builds the same-size baseline with causal pre-norm transformer
 * blocks in their place, keeping the embeddings and the final norm identical so that a comparison
 * of the two differs in the token mixer alone. Parameter names: {@code patch_embed.proj.weight},
 * {@code patch_embed.proj.bias}, {@code pos_embed}, {@code angle_embed.weight},
 * {@code angle_embed.bias}, {@code layers.0.…}, {@code norm_f.weight}.
 */
public final class VisionMamba implements Layer {

    /**
     * The shape of a backbone.
     *
     * @param channels       values per pixel (3 for RGB)
     * @param size           image side in pixels (square images)
     * @param patch          patch side; must divide {@code size}
     * @param dim            token width d
     * @param layers         number of blocks
     * @param states         state size N of the Mamba blocks (ignored by the transformer baseline)
     * @param angleEmbedding whether rotated tokens get an angle embedding at all
     */
    public record Config(int channels, int size, int patch, int dim, int layers, int states, boolean angleEmbedding) {

        /** Checks the sizes. */
        public Config {
            if (channels <= 0 || dim <= 0 || layers < 0 || states <= 0) {
                throw new IllegalArgumentException("need positive channels, dim and states and layers ≥ 0, got "
                        + channels + ", " + dim + ", " + states + ", " + layers);
            }
            if (patch <= 0 || size <= 0 || size % patch != 0) {
                throw new IllegalArgumentException("patch " + patch + " must divide the image side " + size);
            }
        }

        /**
         * RGB at the studio's patch size for {@code size}: 8 on 64², 4 on 32² (size / 8, so 64 tokens
         * either way), N = 16, with the angle embedding.
         */
        public static Config rgb(int size, int dim, int layers) {
            if (size % 8 != 0) {
                throw new IllegalArgumentException("image side must be a multiple of 8, got " + size);
            }
            return new Config(3, size, size / 8, dim, layers, MambaMixer.DEFAULT_STATES, true);
        }

        /** The same shape with or without the angle embedding. */
        public Config withAngleEmbedding(boolean value) {
            return new Config(channels, size, patch, dim, layers, states, value);
        }

        /** Tokens per image. */
        public int tokens() {
            return (size / patch) * (size / patch);
        }

        /** Patches per row of the image (and rows of patches). */
        public int patchesPerSide() {
            return size / patch;
        }
    }

    private final Config config;
    private final DataType type;
    private final PatchEmbedding patchEmbed;
    private final PositionalEmbedding posEmbed;
    private final AngleEmbedding angleEmbed;
    private final List<Layer> blocks;
    private final Layer normF;
    private final List<Parameter> parameters;

    private boolean inputGradientRequired = true;
    private double[] angles;
    private boolean[][] rotated;
    private boolean angleUsed;
    private INDArray embedded;

    private VisionMamba(Config config, DataType type, SplittableRandom rng, List<Layer> blocks, Layer normF) {
        this.config = config;
        this.type = type;
        this.patchEmbed = new PatchEmbedding(config.channels(), config.size(), config.size(), config.patch(),
                config.dim(), type, rng);
        this.posEmbed = new PositionalEmbedding(patchEmbed.tokens(), config.dim(), false, type, rng);
        this.angleEmbed = config.angleEmbedding() ? new AngleEmbedding(config.dim(), type, rng) : null;
        this.blocks = List.copyOf(blocks);
        this.normF = normF;
        List<Parameter> all = new ArrayList<>();
        prefixed("patch_embed.", patchEmbed.parameters(), all);
        all.addAll(posEmbed.parameters());
        if (angleEmbed != null) {
            prefixed("angle_embed.", angleEmbed.parameters(), all);
        }
        for (int i = 0; i < this.blocks.size(); i++) {
            prefixed("layers." + i + ".", this.blocks.get(i).parameters(), all);
        }
        prefixed("norm_f.", normF.parameters(), all);
        this.parameters = Collections.unmodifiableList(all);
    }

    private static void prefixed(String prefix, List<Parameter> params, List<Parameter> into) {
        for (Parameter p : params) {
            p.rename(prefix + p.name());
            into.add(p);
        }
    }

    /**
     * The Mamba backbone. The embeddings draw from a stream split off {@code rng}, the blocks from
     * {@code rng} in order, so a seed fixes every weight.
     */
    public static VisionMamba mamba(Config config, DataType type, SplittableRandom rng) {
        return build(config, type, rng, () -> {
            List<Layer> blocks = new ArrayList<>();
            for (int i = 0; i < config.layers(); i++) {
                blocks.add(new MambaBlock(
                        new MambaMixer(config.dim(), config.states(), type, rng, SelectiveScan.fast()), type));
            }
            return blocks;
        }, new RmsNorm(config.dim(), type));
    }

    /**
     * The same-size baseline: causal pre-norm transformer blocks (attention over tokens ≤ t, an MLP
     * of width {@code mlpHidden}, GELU) instead of Mamba blocks; everything else as in
     * {@link #mamba}. With {@code mlpHidden = dim} a block has about 6d² weights, as a Mamba block
     * with E = 2d does.
     *
     * @param heads attention heads; must divide {@code dim}
     */
    public static VisionMamba causalTransformer(Config config, int heads, int mlpHidden, DataType type,
            SplittableRandom rng) {
        return build(config, type, rng, () -> {
            List<Layer> blocks = new ArrayList<>();
            for (int i = 0; i < config.layers(); i++) {
                blocks.add(new TransformerBlock(config.dim(), heads, mlpHidden, TransformerBlock.Activation.GELU, true,
                        type, rng));
            }
            return blocks;
        }, new RmsNorm(config.dim(), type));
    }

    private static VisionMamba build(Config config, DataType type, SplittableRandom rng,
            java.util.function.Supplier<List<Layer>> blocks, Layer normF) {
        // the embeddings get a stream of their own, split off before the blocks draw, so adding or
        // removing the angle embedding leaves every block's initial weights unchanged
        SplittableRandom embeddings = rng.split();
        return new VisionMamba(config, type, embeddings, blocks.get(), normF);
    }

    /** The shape this backbone was built with. */
    public Config config() {
        return config;
    }

    /** Tokens per image. */
    public int tokens() {
        return patchEmbed.tokens();
    }

    /** The patch embedding; {@link PatchEmbedding#patches} gives targets in token order. */
    public PatchEmbedding patchEmbedding() {
        return patchEmbed;
    }

    /** The angle embedding, or {@code null} when the configuration has none. */
    public AngleEmbedding angleEmbedding() {
        return angleEmbed;
    }

    /** The blocks, in order. */
    public List<Layer> blocks() {
        return blocks;
    }

    /**
     * Sets the rotation of the next forward calls' images: image b was rotated by
     * {@code angles[b]} radians over the tokens marked in {@code rotated[b]}. Ignored when the
     * configuration has no angle embedding.
     */
    public void setRotation(double[] angles, boolean[][] rotated) {
        this.angles = angles.clone();
        this.rotated = new boolean[rotated.length][];
        for (int i = 0; i < rotated.length; i++) {
            if (rotated[i].length != tokens()) {
                throw new IllegalArgumentException("a token mask needs " + tokens() + " entries, got " + rotated[i].length);
            }
            this.rotated[i] = rotated[i].clone();
        }
    }

    /** Forgets the rotation: every token's angle term is 0 again. */
    public void clearRotation() {
        this.angles = null;
        this.rotated = null;
    }

    @Override
    public INDArray forward(INDArray images, boolean training) {
        INDArray x = posEmbed.forward(patchEmbed.forward(images, training), training);
        angleUsed = angleEmbed != null && angles != null;
        if (angleUsed) {
            if (angles.length != images.size(0)) {
                throw new IllegalArgumentException("rotation set for " + angles.length + " images, got a batch of "
                        + images.size(0));
            }
            embedded = Buffers.ensure(embedded, type, x.shape());
            x = x.add(angleEmbed.forward(angles, rotated), embedded);
        }
        for (Layer block : blocks) {
            x = block.forward(x, training);
        }
        return normF.forward(x, training);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = normF.backward(gradOutput);
        for (int i = blocks.size() - 1; i >= 0; i--) {
            g = blocks.get(i).backward(g);
        }
        if (angleEmbed != null) {
            if (angleUsed) {
                angleEmbed.backward(g);
            } else {
                // "backward overwrites the gradients": unused this time, so they are zero
                angleEmbed.weight().grad().assign(0);
                angleEmbed.bias().grad().assign(0);
            }
        }
        g = posEmbed.backward(g);
        if (!inputGradientRequired) {
            // the patch projection still needs its weight gradient, not the image gradient
            patchEmbed.proj().backward(g);
            return null;
        }
        return patchEmbed.backward(g);
    }

    @Override
    public void setInputGradientRequired(boolean required) {
        this.inputGradientRequired = required;
        patchEmbed.proj().setInputGradientRequired(required);
    }

    @Override
    public List<Layer> children() {
        List<Layer> all = new ArrayList<>();
        all.add(patchEmbed);
        all.add(posEmbed);
        all.addAll(blocks);
        all.add(normF);
        return all;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
