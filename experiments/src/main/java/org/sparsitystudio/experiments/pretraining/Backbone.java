package org.sparsitystudio.experiments.pretraining;

import java.util.Locale;

/** The network that is pre-trained: the reference MLP or a small vision transformer. */
public enum Backbone {
    /** The reference MLP of shared/peer: 784-300-100-10 with ReLU. */
    MLP,
    /** A small ViT for 28×28 images (SCIENCE.md §3's tiny ViT). */
    VIT;

    /** The id used in parameters and checkpoint metadata: {@code mlp} or {@code vit}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backbone with this {@link #id()}. */
    public static Backbone parse(String id) {
        for (Backbone b : values()) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown architecture \"" + id + "\"; expected mlp or vit");
    }
}
