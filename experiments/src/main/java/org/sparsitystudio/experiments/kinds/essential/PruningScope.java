package org.sparsitystudio.experiments.kinds.essential;

import java.util.Locale;

/** Over which set of weights one magnitude threshold is taken. */
public enum PruningScope {
    /** One threshold over all prunable weights together: layers end with different sparsities. */
    GLOBAL,
    /** A threshold per layer: every prunable layer ends with the same sparsity. */
    LAYERWISE;

    /** The id used in parameters: {@code global} or {@code layerwise}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope with this {@link #id()}. */
    public static PruningScope parse(String id) {
        for (PruningScope s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown pruning scope \"" + id + "\"; expected global or layerwise");
    }
}
