package org.sparsitystudio.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Lines of series means with a shaded min–max band across seeds and a marker per point: the
 * accuracy-vs-sparsity chart and its relatives. Calm defaults for papers: white background, light
 * grid, the Okabe–Ito palette, the system sans-serif font.
 */
public final class BandedLineChart {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private BandedLineChart() {
    }

    private static BasicStroke stroke(int variant) {
        float[][] dashes = {null, {6f, 3f}, {2f, 2f}, {8f, 3f, 2f, 3f}};
        float[] dash = dashes[variant % dashes.length];
        return dash == null ? new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** Builds the chart of {@code series}. */
    public static JFreeChart build(List<Series> series, ChartOptions options) {
        NumberAxis x = options.logX() ? new LogarithmicAxis(options.xLabel()) : new NumberAxis(options.xLabel());
        NumberAxis y = new NumberAxis(options.yLabel());
        y.setAutoRangeIncludesZero(false);
        // a single x value (the first runs of a sweep) must not zoom the axis to ±5e-9
        x.setAutoRangeMinimumSize(1.0);
        y.setAutoRangeMinimumSize(0.5);
        if (x instanceof LogarithmicAxis log) {
            log.setAllowNegativesFlag(false);
            log.setStrictValuesFlag(false);
        }
        for (NumberAxis axis : new NumberAxis[] {x, y}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
        XYPlot plot = new XYPlot(new XYIntervalSeriesCollection(), x, y, null);
        show(plot, series, options.band());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(options.title(), TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(TICK);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return chart;
    }

    /**
     * Replaces the series of a chart made by {@link #build}, keeping its axes and options: the live
     * views call this at most once per frame as runs finish.
     */
    public static void update(JFreeChart chart, List<Series> series, ChartOptions.Band band) {
        show(chart.getXYPlot(), series, band);
    }

    private static void show(XYPlot plot, List<Series> series, ChartOptions.Band band) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (Series s : series) {
            XYIntervalSeries xy = new XYIntervalSeries(s.name());
            for (SeriesPoint p : s.points()) {
                double low = switch (band) {
                    case NONE -> p.mean();
                    case MIN_MAX -> p.min();
                    case STD -> p.mean() - p.std();
                };
                double high = switch (band) {
                    case NONE -> p.mean();
                    case MIN_MAX -> p.max();
                    case STD -> p.mean() + p.std();
                };
                xy.add(p.x(), p.x(), p.x(), p.mean(), low, high);
            }
            data.addSeries(xy);
        }
        // a band needs the deviation renderer; plain lines draw several times faster without it,
        // and markers only help while a curve has few points
        int longest = series.stream().mapToInt(x -> x.points().size()).max().orElse(0);
        boolean shapes = longest <= 60;
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer;
        if (band == ChartOptions.Band.NONE) {
            renderer = plot.getRenderer() instanceof DeviationRenderer || !(plot.getRenderer()
                    instanceof org.jfree.chart.renderer.xy.XYLineAndShapeRenderer)
                    ? new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, shapes)
                    : (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer();
        } else if (plot.getRenderer() instanceof DeviationRenderer existing) {
            renderer = existing;
        } else {
            DeviationRenderer deviation = new DeviationRenderer(true, shapes);
            deviation.setAlpha(0.18f);
            renderer = deviation;
        }
        renderer.setDefaultShapesVisible(shapes);
        renderer.setDrawSeriesLineAsPath(true);
        // one colour per group (the name's first part), one dash pattern per variant (the rest),
        // so ten series of five widths × two distributions stay readable with eight colours
        List<String> groups = new java.util.ArrayList<>();
        List<String> variants = new java.util.ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            String name = series.get(i).name();
            int cut = name.indexOf(" · ");
            String group = cut < 0 ? name : name.substring(0, cut);
            String variant = cut < 0 ? "" : name.substring(cut + 3);
            if (!groups.contains(group)) {
                groups.add(group);
            }
            if (!variants.contains(variant)) {
                variants.add(variant);
            }
            Color c = Palette.color(groups.indexOf(group));
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesFillPaint(i, c);
            renderer.setSeriesStroke(i, stroke(variants.indexOf(variant)));
            renderer.setSeriesShape(i, variants.indexOf(variant) % 2 == 0
                    ? new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5)
                    : new java.awt.geom.Rectangle2D.Double(-2.5, -2.5, 5, 5));
        }
        plot.setDataset(data);
        if (plot.getRenderer() != renderer) {
            plot.setRenderer(renderer);
        }
    }
}
