package org.sparsitystudio.experiments.kinds.roma;

import java.util.Locale;

/** Which model a RoMA run builds and whether it is pre-trained. */
public enum BackboneChoice {
    /** The vision Mamba, pre-trained autoregressively. */
    MAMBA("mamba"),
    /** The same-size causal transformer, pre-trained the same way. */
    VIT("vit"),
    /** The vision Mamba as initialised, not pre-trained: the floor pre-training must beat. */
    RANDOM_INIT("random-init");

    private final String id;

    BackboneChoice(String id) {
        this.id = id;
    }

    /** The parameter value. */
    public String id() {
        return id;
    }

    /** Whether runs with this choice pre-train at all. */
    public boolean pretrains() {
        return this != RANDOM_INIT;
    }

    /** The choice with this parameter value. */
    public static BackboneChoice parse(String id) {
        for (BackboneChoice b : values()) {
            if (b.id.equals(id.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backbone \"" + id + "\"; expected mamba, vit or random-init");
    }
}
