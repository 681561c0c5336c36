package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds a ViT classifier as a {@link Sequential}: patch embedding, class token and positional
 * embedding, {@code depth} pre-norm {@link TransformerBlock}s, a final {@link LayerNorm}, class
 * token pooling and a linear head. Input is images [batch, C·H·W] or [batch, C, H, W]; output
 * logits [batch, classes].
 *
 * <p>Parameters carry timm's {@code state_dict} names ({@code patch_embed.proj.weight},
 * {@code cls_token}, {@code pos_embed}, {@code blocks.0.attn.qkv.weight}, {@code norm.weight},
 * {@code head.weight}, …) so that checkpoints can be compared with or loaded into timm.
 */
public final class VisionTransformer {

    private VisionTransformer() {
    }

    /**
     * Shape of the model; {@code mlpHidden} is usually 4·dim. The activation is a
     * {@link TransformerBlock.Activation} or any other {@link MlpActivation} such as Top-k.
     */
    public record Config(int channels, int height, int width, int patch, int dim, int depth, int heads, int mlpHidden,
            int classes, MlpActivation activation) {
    }

    /** A model initialised from {@code seed} (draws in layer order), pooling the class token. */
    public static Sequential of(Config c, DataType type, long seed) {
        return of(c, TokenPooling.Mode.CLS, type, seed);
    }

    /**
     * A model initialised from {@code seed} whose head reads the tokens pooled by {@code pooling}:
     * the class token (timm's {@code global_pool='token'}) or the mean of all tokens
     * ({@code 'avg'}), which serves linear probes of self-supervised encoders better because no
     * pre-training loss acts on the class token directly. The parameters are the same either way.
     */
    public static Sequential of(Config c, TokenPooling.Mode pooling, DataType type, long seed) {
        return of(c, pooling, type, seed, LinearFactory.DENSE);
    }

    /**
     * A model whose blocks' projections come from {@code projections} (see {@link LinearFactory}),
     * e.g. Monarch layers in the MLPs; patch embedding and head stay dense. With
     * {@link LinearFactory#DENSE} this is {@link #of(Config, TokenPooling.Mode, DataType, long)}.
     */
    public static Sequential of(Config c, TokenPooling.Mode pooling, DataType type, long seed,
            LinearFactory projections) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        PatchEmbedding patches = new PatchEmbedding(c.channels(), c.height(), c.width(), c.patch(), c.dim(), type, rng);
        add(names, layers, "patch_embed", patches);
        add(names, layers, "", new PositionalEmbedding(patches.tokens(), c.dim(), true, type, rng));
        for (int i = 0; i < c.depth(); i++) {
            add(names, layers, "blocks." + i,
                    new TransformerBlock(c.dim(), c.heads(), c.mlpHidden(), c.activation(), false, type, rng, projections));
        }
        add(names, layers, "norm", new LayerNorm(c.dim(), type));
        add(names, layers, "", new TokenPooling(pooling));
        add(names, layers, "head", new Linear(c.dim(), c.classes(), true, type, rng));
        return Sequential.named(names, layers);
    }

    private static void add(List<String> names, List<Layer> layers, String name, Layer layer) {
        names.add(name);
        layers.add(layer);
    }
}
