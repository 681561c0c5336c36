package org.sparsitystudio.charts;

/**
 * What a chart shows, as plain data.
 *
 * @param title  chart title
 * @param xLabel x-axis name with unit, e.g. "Sparsity (%)"
 * @param yLabel y-axis name with unit, e.g. "Test accuracy (%)"
 * @param logX   logarithmic x axis
 * @param band   what is shaded around each series' mean across seeds
 * @param logY   logarithmic y axis
 * @param powerLawFit whether each series gets its least-squares power law ({@link PowerLaw}) drawn
 *               as a dashed line of its colour, labelled with the prefactor and exponent
 */
public record ChartOptions(String title, String xLabel, String yLabel, boolean logX, Band band, boolean logY,
        boolean powerLawFit) {

    /** The spread drawn around a mean across seeds. */
    public enum Band {
        /** The mean only. */
        NONE("no band"),
        /** From the lowest to the highest seed. */
        MIN_MAX("min–max"),
        /** Mean ± one sample standard deviation. */
        STD("± 1 std");

        private final String label;

        Band(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Options with a linear y axis and no fit: every chart before log y and fits existed. */
    public ChartOptions(String title, String xLabel, String yLabel, boolean logX, Band band) {
        this(title, xLabel, yLabel, logX, band, false, false);
    }

    /** Options with a min–max band when {@code band} is true, a linear y axis and no fit. */
    public ChartOptions(String title, String xLabel, String yLabel, boolean logX, boolean band) {
        this(title, xLabel, yLabel, logX, band ? Band.MIN_MAX : Band.NONE);
    }

    /** Checks that a band is given. */
    public ChartOptions {
        java.util.Objects.requireNonNull(band, "band");
    }
}
