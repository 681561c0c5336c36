package org.sparsitystudio.experiments.pretraining;

import java.util.Locale;

/** What pre-training optimises. */
public enum Objective {
    /** Classification with softmax cross-entropy on the labels. */
    SUPERVISED,
    /** Masked-patch reconstruction (MAE style): no labels; see {@link MaskedPatchPretraining}. */
    MAE;

    /** The id used in parameters and checkpoint metadata: {@code supervised} or {@code mae}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The objective with this {@link #id()}. */
    public static Objective parse(String id) {
        for (Objective o : values()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective \"" + id + "\"; expected supervised or mae");
    }
}
