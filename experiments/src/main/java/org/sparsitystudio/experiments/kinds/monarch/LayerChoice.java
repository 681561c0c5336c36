package org.sparsitystudio.experiments.kinds.monarch;

import java.util.Locale;

/**
 * What a replaced layer of the study's MLP is. Every structured choice is sized to the parameter
 * count of the Monarch layer with the run's block count, so that the comparison is at equal
 * parameters and only the structure differs.
 */
public enum LayerChoice {
    /** An ordinary dense layer: the reference the others are compared with. */
    DENSE("dense"),
    /** A Monarch layer with the run's block count. */
    MONARCH("monarch"),
    /** A dense layer with a fixed random mask keeping exactly as many weights as the Monarch layer has. */
    RANDOM_SPARSE("random-sparse"),
    /** Two dense layers through a bottleneck of rank r, r chosen so r·(in + out) is closest to the Monarch count. */
    LOW_RANK("low-rank");

    private final String id;

    LayerChoice(String id) {
        this.id = id;
    }

    /** The id used in designs: "dense", "monarch", "random-sparse" or "low-rank". */
    public String id() {
        return id;
    }

    /** The choice with this id, in any case. */
    public static LayerChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (LayerChoice c : values()) {
            if (c.id.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown layer '" + text + "' (dense, monarch, random-sparse or low-rank)");
    }
}
