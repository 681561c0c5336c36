package org.sparsitystudio.experiments.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a kind can show about a design before anything runs, as plain data: a bar per item (for
 * random pruning, the density of each layer under the chosen distribution) and a one-line summary.
 * The designer draws it and redraws it after every edit, so computing it must be cheap.
 *
 * @param title   what the bars show, e.g. "Layer densities under ERK at 90 % sparsity"
 * @param unit    the bars' unit, e.g. "%"
 * @param bars    the bars, in order
 * @param summary one line under the chart, e.g. "26,660 of 266,200 weights kept (10.0 %)"
 * @param matrix  a small picture of the structure (an N:M pattern, Monarch blocks), or {@code null};
 *                it should stay small (a few hundred entries a side), as it is redrawn on every edit
 */
public record DesignPreview(String title, String unit, List<Bar> bars, String summary, Matrix matrix) {

    /**
     * One bar.
     *
     * @param label  the category, e.g. "fc1 784→300"
     * @param value  its height
     * @param detail a tooltip, e.g. "23,520 of 235,200 weights"
     */
    public record Bar(String label, double value, String detail) {
    }

    public DesignPreview {
        Objects.requireNonNull(title, "title");
        bars = List.copyOf(bars);
    }

    /** A preview of bars only. */
    public DesignPreview(String title, String unit, List<Bar> bars, String summary) {
        this(title, unit, bars, summary, null);
    }

    /** The structure's picture, if the kind drew one. */
    public java.util.Optional<Matrix> picture() {
        return java.util.Optional.ofNullable(matrix);
    }
}
