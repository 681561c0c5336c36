package org.sparsitystudio.charts;

import java.awt.Color;

/**
 * The Okabe–Ito palette: eight colours that stay distinct under the common colour-vision
 * deficiencies. Series take them in order, so a group keeps its colour in every chart of a study.
 */
public final class Palette {

    private static final Color[] OKABE_ITO = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    private Palette() {
    }

    /** The colour of the {@code index}-th series. */
    public static Color color(int index) {
        return OKABE_ITO[Math.floorMod(index, OKABE_ITO.length)];
    }
}
