package org.sparsitystudio.experiments.pretraining;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.nn.TokenPooling;
import org.sparsitystudio.kernels.nn.TransformerBlock;
import org.sparsitystudio.kernels.nn.VisionTransformer;

/**
 * Everything that determines a pre-training: backbone and objective, epochs, the share of the
 * training set, batch size, Adam's learning rate (constant, as in the peer's reference recipe),
 * the mask ratio of masked-patch reconstruction, the ViT's shape and the seed from which the
 * weights, the data share, the batch order and the masks are all drawn.
 *
 * @param vit the ViT's shape; ignored for the MLP
 */
public record PretrainConfig(Backbone backbone, Objective objective, int epochs, double dataFraction, int batchSize,
        double learningRate, double maskRatio, VisionTransformer.Config vit, long seed) {

    /** The hidden widths of the reference MLP. */
    public static final int[] MLP_HIDDEN = {300, 100};

    /** Checks values and combinations. */
    public PretrainConfig {
        java.util.Objects.requireNonNull(backbone, "backbone");
        java.util.Objects.requireNonNull(objective, "objective");
        if (objective == Objective.MAE && backbone != Backbone.VIT) {
            throw new IllegalArgumentException("masked-patch reconstruction needs patches: use architecture vit, not "
                    + backbone.id());
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("pre-training needs at least one epoch, got " + epochs);
        }
        if (!(dataFraction > 0 && dataFraction <= 1)) {
            throw new IllegalArgumentException("data fraction must lie in (0, 1], got " + dataFraction);
        }
        if (batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batch size and learning rate must be positive, got " + batchSize + ", "
                    + learningRate);
        }
        if (!(maskRatio > 0 && maskRatio < 1)) {
            throw new IllegalArgumentException("mask ratio must lie in (0, 1), got " + maskRatio);
        }
        if (backbone == Backbone.VIT) {
            java.util.Objects.requireNonNull(vit, "vit");
        }
    }

    /**
     * The shape of a ViT for Fashion-MNIST (one channel, 28×28, ten classes, GELU).
     *
     * @param patch side of a patch; must divide 28
     */
    public static VisionTransformer.Config smallVit(int patch, int dim, int depth, int heads, int mlpHidden) {
        if (patch <= 0 || FashionMnist.SIDE % patch != 0) {
            throw new IllegalArgumentException("patch " + patch + " must divide " + FashionMnist.SIDE);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("heads " + heads + " must divide dim " + dim);
        }
        return new VisionTransformer.Config(1, FashionMnist.SIDE, FashionMnist.SIDE, patch, dim, depth, heads, mlpHidden,
                FashionMnist.CLASSES, TransformerBlock.Activation.GELU);
    }

    /**
     * A fresh, untrained model of this backbone, initialised from the seed. The ViT's head reads
     * the mean of its tokens for both objectives: masked-patch reconstruction never trains the
     * class token, so a probe on it would measure little, and one pooling for both objectives
     * keeps their comparison fair.
     */
    public Sequential buildModel() {
        return backbone == Backbone.MLP
                ? Mlp.of(FashionMnist.FEATURES, MLP_HIDDEN, FashionMnist.CLASSES, DataType.FLOAT, seed)
                : VisionTransformer.of(vit, TokenPooling.Mode.MEAN, DataType.FLOAT, seed);
    }

    /**
     * The configuration that {@link #metadata()} wrote, read back: the model a checkpoint holds.
     * {@code architecture} and {@code objective} are required, and {@code vit} for a ViT; the
     * training settings (epochs, data fraction, batch size, learning rate, mask ratio, seed) are
     * taken from {@code fallback} where the metadata lacks them, so that a file written elsewhere
     * needs only the model's description.
     *
     * @throws IllegalArgumentException naming the key and its value when a required key is
     *                                  missing or a value cannot be read
     */
    public static PretrainConfig fromMetadata(Map<String, String> metadata, PretrainConfig fallback) {
        java.util.Objects.requireNonNull(fallback, "fallback");
        Backbone backbone = Backbone.parse(required(metadata, "architecture"));
        Objective objective = Objective.parse(required(metadata, "objective"));
        VisionTransformer.Config vit = null;
        if (backbone == Backbone.VIT) {
            vit = parseVit(required(metadata, "vit"));
        }
        return new PretrainConfig(backbone, objective,
                (int) number(metadata, "epochs", fallback.epochs()),
                number(metadata, "dataFraction", fallback.dataFraction()),
                (int) number(metadata, "batchSize", fallback.batchSize()),
                number(metadata, "learningRate", fallback.learningRate()),
                number(metadata, "maskRatio", fallback.maskRatio()), vit,
                metadata.containsKey("seed") ? (long) number(metadata, "seed", 0) : fallback.seed());
    }

    private static String required(Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the metadata has no \"" + key + "\" (it has: "
                    + String.join(", ", metadata.keySet()) + ")");
        }
        return v.strip();
    }

    private static double number(Map<String, String> metadata, String key, double fallback) {
        String v = metadata.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata \"" + key + "\" = \"" + v + "\" is not a number");
        }
    }

    /** Reads {@code patch=4 dim=64 depth=2 heads=4 mlp=128}, as {@link #metadata()} writes it. */
    private static VisionTransformer.Config parseVit(String text) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        for (String part : text.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            try {
                fields.put(part.substring(0, Math.max(eq, 0)), Integer.parseInt(part.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metadata \"vit\" = \"" + text + "\": \"" + part
                        + "\" is not name=integer");
            }
        }
        for (String key : new String[] {"patch", "dim", "depth", "heads", "mlp"}) {
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException("metadata \"vit\" = \"" + text + "\" has no " + key
                        + "=; expected patch=… dim=… depth=… heads=… mlp=…");
            }
        }
        return smallVit(fields.get("patch"), fields.get("dim"), fields.get("depth"), fields.get("heads"),
                fields.get("mlp"));
    }

    /** The configuration as text, for checkpoint metadata: enough to rebuild the model that fits the file. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("architecture", backbone.id());
        m.put("objective", objective.id());
        m.put("epochs", Integer.toString(epochs));
        m.put("dataFraction", Double.toString(dataFraction));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("seed", Long.toString(seed));
        if (objective == Objective.MAE) {
            m.put("maskRatio", Double.toString(maskRatio));
        }
        if (backbone == Backbone.VIT) {
            m.put("vit", String.format(Locale.ROOT, "patch=%d dim=%d depth=%d heads=%d mlp=%d", vit.patch(), vit.dim(),
                    vit.depth(), vit.heads(), vit.mlpHidden()));
        }
        return m;
    }
}
