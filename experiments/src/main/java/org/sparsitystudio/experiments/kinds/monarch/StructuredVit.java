package org.sparsitystudio.experiments.kinds.monarch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.pretraining.PretrainConfig;
import org.sparsitystudio.experiments.spi.ParameterException;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.LinearFactory;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TokenPooling;
import org.sparsitystudio.kernels.nn.TransformerBlock;
import org.sparsitystudio.kernels.nn.VisionTransformer;

/**
 * The small ViT of the Monarch study, the one the N:M study trains (patch 7, width 64, 2 blocks, 4
 * heads, MLP 128, class token) so that results of the two compare, in which every block's
 * projections chosen by {@link MonarchConfig.Where} have the configured structure and the rest,
 * patch embedding and head included, stay dense. The budget rule is {@link StructuredMlp}'s: every
 * structured choice gets the weights of the Monarch layer of the same size and block count.
 */
public final class StructuredVit {

    /** Token width; also the largest block count, as no replaced projection has fewer features. */
    public static final int WIDTH = 64;
    static final int MLP_HIDDEN = 128;

    private final Sequential model;
    private final Map<String, Layer> replaced;

    private StructuredVit(Sequential model, Map<String, Layer> replaced) {
        this.model = model;
        this.replaced = Collections.unmodifiableMap(replaced);
    }

    /** The shape of the model. */
    public static VisionTransformer.Config vit() {
        return PretrainConfig.smallVit(7, WIDTH, 2, 4, MLP_HIDDEN);
    }

    /** The roles of {@link LinearFactory} that {@code where} replaces. */
    public static List<String> roles(MonarchConfig.Where where) {
        return switch (where) {
            case MLP -> List.of(LinearFactory.FC1, LinearFactory.FC2);
            case ATTENTION -> List.of(LinearFactory.QKV, LinearFactory.PROJ);
            case BOTH -> List.of(LinearFactory.QKV, LinearFactory.PROJ, LinearFactory.FC1, LinearFactory.FC2);
        };
    }

    /**
     * Rejects block counts the replaced projections cannot take, naming the parameter: more blocks
     * than the width (blocks of a single feature padded out), and random sparsity whose Monarch
     * budget exceeds the dense weights (b = 1, where R alone is a dense matrix), as no mask keeps more
     * weights than there are.
     *
     * @throws ParameterException naming {@code blocks}
     */
    static void check(LayerChoice layer, int blocks, MonarchConfig.Where where) {
        if (layer == LayerChoice.DENSE) {
            return;
        }
        if (blocks < 1 || blocks > WIDTH) {
            throw new ParameterException("blocks", Integer.toString(blocks), String.format(Locale.ROOT,
                    "blocks = %d: the ViT's projections take 1 to %d blocks (its width)", blocks, WIDTH));
        }
        if (layer != LayerChoice.RANDOM_SPARSE) {
            return;
        }
        for (String role : roles(where)) {
            int[] size = size(role);
            long budget = StructuredMlp.budget(size[0], size[1], blocks);
            if (budget > (long) size[0] * size[1]) {
                throw new ParameterException("blocks", Integer.toString(blocks), String.format(Locale.ROOT,
                        "blocks = %d: the Monarch layer of %s (%d → %d) has %d weights, more than the %d a random "
                                + "mask can keep", blocks, role, size[0], size[1], budget, (long) size[0] * size[1]));
            }
        }
    }

    /** {in, out} of a role's projection. */
    static int[] size(String role) {
        return switch (role) {
            case LinearFactory.QKV -> new int[] {WIDTH, 3 * WIDTH};
            case LinearFactory.PROJ -> new int[] {WIDTH, WIDTH};
            case LinearFactory.FC1 -> new int[] {WIDTH, MLP_HIDDEN};
            case LinearFactory.FC2 -> new int[] {MLP_HIDDEN, WIDTH};
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** Builds the model of {@code config} (architecture vit). */
    public static StructuredVit build(MonarchConfig config) {
        List<String> roles = roles(config.where());
        // masks draw from their own stream so that the initial values are those of the dense ViT
        SplittableRandom maskSeeds = new SplittableRandom(config.seed() ^ 0x4D4F4E41L);
        LinearFactory factory = (role, in, out, type, rng) -> roles.contains(role)
                ? StructuredMlp.structured(config.layer(), in, out, config.blocks(), rng, maskSeeds.nextLong())
                : LinearFactory.DENSE.create(role, in, out, type, rng);
        Sequential model = VisionTransformer.of(vit(), TokenPooling.Mode.CLS, DataType.FLOAT, config.seed(), factory);
        Map<String, Layer> replaced = new LinkedHashMap<>();
        int index = 0;
        for (Layer layer : model.layers()) {
            if (layer instanceof TransformerBlock block) {
                String prefix = "blocks." + index++ + ".";
                for (String role : roles) {
                    replaced.put(prefix + role, switch (role) {
                        case LinearFactory.QKV -> block.attention().qkvLayer();
                        case LinearFactory.PROJ -> block.attention().projLayer();
                        case LinearFactory.FC1 -> block.fc1Layer();
                        default -> block.fc2Layer();
                    });
                }
            }
        }
        return new StructuredVit(model, replaced);
    }

    /** The network, ready to train. */
    public Sequential model() {
        return model;
    }

    /** The replaced projections by their timm prefix ({@code blocks.0.mlp.fc1}), input side first. */
    public Map<String, Layer> replacedLayers() {
        return replaced;
    }

    /** Weights (biases excluded) held by the replaced projections, counted as {@link StructuredMlp} counts them. */
    public long structuredParameters() {
        return replaced.values().stream().mapToLong(StructuredMlp::weights).sum();
    }
}
