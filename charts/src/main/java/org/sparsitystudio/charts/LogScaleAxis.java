package org.sparsitystudio.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * A base-10 logarithmic axis whose ticks are numbers a reader can read at any span. JFreeChart's
 * own log axes label only powers of ten (a loss between 0.85 and 0.95, or 2.1 and 2.6, gets no
 * label at all) or label fractional powers ("10^-0.05"); scaling-law charts live exactly in such
 * narrow spans on y. So: over a decade or more, ticks at 1, 2 and 5 (or every power of ten, or
 * every few) times a power of ten, as many as fit; within less than a decade, evenly stepped round
 * numbers (0.86, 0.88, …), placed on the log scale.
 */
final class LogScaleAxis extends LogAxis {

    private static final long serialVersionUID = 1L;

    /** Pixels a tick label needs along the axis, so labels never collide. */
    private static final double HORIZONTAL_SPACING = 70;
    private static final double VERTICAL_SPACING = 32;

    /** Ticks with labels at round numbers; see the class comment. */
    LogScaleAxis(String label) {
        super(label);
        // values at or below zero are left out before they reach the chart; this only keeps the
        // axis finite if one slips through
        setSmallestValue(1e-300);
        setMinorTickMarksVisible(false);
    }

    @Override
    protected void autoAdjustRange() {
        super.autoAdjustRange();
        Range r = getRange();
        // one x value (the first run of a sweep) must not zoom the axis to a hair's width
        if (r.getLowerBound() > 0 && r.getUpperBound() / r.getLowerBound() < 1.2) {
            double centre = Math.sqrt(r.getLowerBound() * r.getUpperBound());
            setRange(new Range(centre / 1.1, centre * 1.1), false, false);
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        double length = horizontal ? dataArea.getWidth() : dataArea.getHeight();
        int room = Math.max(2, (int) (length / (horizontal ? HORIZONTAL_SPACING : VERTICAL_SPACING)));
        TextAnchor anchor;
        if (horizontal) {
            anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        } else {
            anchor = edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        }
        List ticks = new ArrayList();
        for (double v : tickValues(getLowerBound(), getUpperBound(), room)) {
            ticks.add(new NumberTick(v, label(v), anchor, anchor, 0.0));
        }
        return ticks;
    }

    /** At most {@code room} round values in [lower, upper], at least two where the span allows. */
    static List<Double> tickValues(double lower, double upper, int room) {
        if (!(lower > 0) || !(upper > lower)) {
            return List.of();
        }
        int[][] mantissas = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 5}, {1}};
        for (int[] set : mantissas) {
            List<Double> values = decadeTicks(lower, upper, set, 1);
            if (values.size() <= room && values.size() >= 2) {
                return values;
            }
            if (values.size() > room && set.length == 1) {
                // more decades than room: every few powers of ten
                int every = 2;
                while (values.size() > room) {
                    values = decadeTicks(lower, upper, set, every++);
                }
                return values;
            }
        }
        return linearTicks(lower, upper, room);
    }

    private static List<Double> decadeTicks(double lower, double upper, int[] mantissas, int everyDecades) {
        List<Double> out = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(lower));
        int last = (int) Math.ceil(Math.log10(upper));
        for (int e = first; e <= last; e++) {
            if (Math.floorMod(e, everyDecades) != 0) {
                continue;
            }
            for (int m : mantissas) {
                // from text, so 3e-1 is 0.3 and not 0.30000000000000004
                double v = Double.parseDouble(m + "e" + e);
                if (v >= lower && v <= upper) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Evenly stepped round numbers (steps of 1, 2, 2.5 or 5 times a power of ten). */
    private static List<Double> linearTicks(double lower, double upper, int room) {
        double raw = (upper - lower) / Math.max(1, room - 1);
        int exponent = (int) Math.floor(Math.log10(raw));
        double step = Double.NaN;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            step = m * Math.pow(10, exponent);
            if (step >= raw) {
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        long first = (long) Math.ceil(lower / step - 1e-9);
        for (long i = first; i * step <= upper * (1 + 1e-12); i++) {
            // rounded through text so the labels read 0.86, not 0.8600000000000001
            out.add(new BigDecimal(i * step).round(new java.math.MathContext(12)).doubleValue());
        }
        return out;
    }

    /** Up to six significant digits without trailing zeros, so 0.3 reads "0.3" and 2000 "2000". */
    static String label(double v) {
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return d.toPlainString();
        }
        int exponent = d.precision() - d.scale() - 1;
        return d.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }
}
