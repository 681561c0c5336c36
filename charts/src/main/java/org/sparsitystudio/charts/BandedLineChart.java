package org.sparsitystudio.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Lines of series means with a shaded min–max band across seeds and a marker per point: the
 * accuracy-vs-sparsity chart and its relatives. Calm defaults for papers: white background, light
 * grid, the Okabe–Ito palette, the system sans-serif font. Log axes are ticked at readable round
 * numbers ({@link LogScaleAxis}); a power-law fit per series is a dashed line in its colour.
 */
public final class BandedLineChart {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    /** The plot's dataset index of the fit lines, drawn beneath the data (index 0). */
    static final int FIT_DATASET = 1;

    private static final BasicStroke FIT_STROKE = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {5f, 4f}, 0f);

    private BandedLineChart() {
    }

    private static BasicStroke stroke(int variant) {
        float[][] dashes = {null, {6f, 3f}, {2f, 2f}, {8f, 3f, 2f, 3f}};
        float[] dash = dashes[variant % dashes.length];
        return dash == null ? new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /**
     * Builds the chart of {@code series}: log axes and power-law fit lines as {@code options} ask.
     * A chart built with fits keeps them: {@link #update} refits them to the new series.
     */
    public static JFreeChart build(List<Series> series, ChartOptions options) {
        ValueAxis x = options.logX() ? new LogScaleAxis(options.xLabel()) : new NumberAxis(options.xLabel());
        ValueAxis y = options.logY() ? new LogScaleAxis(options.yLabel()) : new NumberAxis(options.yLabel());
        if (y instanceof NumberAxis linear) {
            linear.setAutoRangeIncludesZero(false);
        }
        // a single x value (the first runs of a sweep) must not zoom the axis to ±5e-9
        if (x instanceof NumberAxis) {
            x.setAutoRangeMinimumSize(1.0);
        }
        if (y instanceof NumberAxis) {
            y.setAutoRangeMinimumSize(0.5);
        }
        for (ValueAxis axis : new ValueAxis[] {x, y}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
        XYPlot plot = new XYPlot(new XYIntervalSeriesCollection(), x, y, null);
        if (options.powerLawFit()) {
            XYLineAndShapeRenderer fits = new XYLineAndShapeRenderer(true, false);
            fits.setDrawSeriesLineAsPath(true);
            plot.setDataset(FIT_DATASET, new XYSeriesCollection());
            plot.setRenderer(FIT_DATASET, fits);
        }
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
        // a band reaching below zero has no place on a log axis: it stops at the mean there
        boolean logY = plot.getRangeAxis() instanceof LogAxis;
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
                if (logY && !(low > 0)) {
                    low = p.mean();
                }
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
        List<Color> colours = new java.util.ArrayList<>();
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
            colours.add(c);
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
        if (plot.getDataset(FIT_DATASET) != null) {
            showFits(plot, series, colours);
        }
    }

    /**
     * One dashed line per series that has a power law (two distinct positive x with positive
     * means), in the series' colour, named with its prefactor and exponent; a lone series' fit
     * is named by the fit alone, since the legend has nothing to tell apart.
     */
    private static void showFits(XYPlot plot, List<Series> series, List<Color> colours) {
        XYSeriesCollection fits = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer(FIT_DATASET);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            java.util.Optional<PowerLaw> fit = PowerLaw.fit(s);
            if (fit.isEmpty()) {
                continue;
            }
            XYSeries line = new XYSeries(fitName(s.name(), fit.get(), series.size()), false, true);
            for (double[] p : fit.get().line()) {
                line.add(p[0], p[1]);
            }
            int index = fits.getSeriesCount();
            fits.addSeries(line);
            renderer.setSeriesPaint(index, colours.get(i));
            renderer.setSeriesStroke(index, FIT_STROKE);
        }
        plot.setDataset(FIT_DATASET, fits);
    }

    /** The legend name of a series' fit: {@code "fit: 2.31·x^-0.12"}, after the series' name when there are several. */
    public static String fitName(String seriesName, PowerLaw fit, int seriesCount) {
        return seriesCount == 1 ? fit.label() : seriesName + " — " + fit.label();
    }
}
