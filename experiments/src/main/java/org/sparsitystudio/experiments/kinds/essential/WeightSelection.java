package org.sparsitystudio.experiments.kinds.essential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;

/**
 * Which linear layers one-shot pruning may touch. Every {@link Linear} of a model has one role:
 * the {@code patch_embed} projection is the embedding, the model's last linear layer is the head,
 * layers under an {@code attn.} name are attention (timm's {@code qkv} and {@code proj}), and all
 * others are MLP layers (a ViT block's {@code fc1} and {@code fc2}, every hidden layer of an MLP).
 * Biases, norms, tokens and positional embeddings are never pruned (SCIENCE.md §2).
 */
public enum WeightSelection {
    /** Every linear layer. */
    ALL,
    /** The attention projections only. */
    ATTENTION,
    /** The MLP layers only. */
    MLP;

    /** The role of a linear layer, from its name and position. */
    enum Role { EMBEDDING, HEAD, ATTENTION, MLP }

    /** The id used in parameters: {@code all}, {@code attention} or {@code mlp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The selection with this {@link #id()}. */
    public static WeightSelection parse(String id) {
        for (WeightSelection w : values()) {
            if (w.id().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weight selection \"" + id + "\"; expected all, attention or mlp");
    }

    /**
     * The layers to prune, by layer name (the weight's state-dict name without {@code .weight}),
     * in model order.
     *
     * @param keepEmbeddingsAndHeadDense whether the embedding and the head stay dense; when false
     *        they are pruned whatever the selection, as in the peer's MLP sweep
     * @throws IllegalArgumentException if nothing would be pruned (attention in an MLP)
     */
    public LinkedHashMap<String, Linear> select(Layer model, boolean keepEmbeddingsAndHeadDense) {
        List<Linear> linears = new ArrayList<>();
        collect(model, linears);
        LinkedHashMap<String, Linear> chosen = new LinkedHashMap<>();
        int matched = 0;
        for (int i = 0; i < linears.size(); i++) {
            Linear linear = linears.get(i);
            String layer = layerName(linear);
            Role role = i == linears.size() - 1 ? Role.HEAD
                    : layer.startsWith("patch_embed") ? Role.EMBEDDING
                    : layer.contains("attn.") ? Role.ATTENTION : Role.MLP;
            boolean edge = role == Role.EMBEDDING || role == Role.HEAD;
            boolean matches = !edge && (this == ALL || name().equals(role.name()));
            if (matches) {
                matched++;
            }
            if (matches || edge && !keepEmbeddingsAndHeadDense) {
                chosen.put(layer, linear);
            }
        }
        if (matched == 0 && (this != ALL || chosen.isEmpty())) {
            throw new IllegalArgumentException("the model has no " + id() + " layers to prune");
        }
        return chosen;
    }

    /** The name of a linear layer: its weight's state-dict name without the {@code .weight} suffix. */
    public static String layerName(Linear linear) {
        String weight = linear.weight().name();
        return weight.endsWith(".weight") ? weight.substring(0, weight.length() - ".weight".length()) : weight;
    }

    private static void collect(Layer layer, List<Linear> into) {
        if (layer instanceof Linear linear) {
            into.add(linear);
            return;
        }
        for (Layer child : layer.children()) {
            collect(child, into);
        }
    }
}
