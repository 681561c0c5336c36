package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.BasicStroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class BandedLineChartTest {

    /** Two widths whose loss follows a·n^−0.2 exactly, over two seeds that straddle it. */
    private static List<Series> powerLaws() {
        List<Observation> points = new ArrayList<>();
        for (double a : new double[] {3, 2}) {
            for (double n : new double[] {250, 1000, 4000}) {
                double y = a * Math.pow(n, -0.2);
                points.add(new Observation("d=" + (int) (a * 10), n, y * 0.9));
                points.add(new Observation("d=" + (int) (a * 10), n, y * 1.1));
            }
        }
        return Series.aggregate(points);
    }

    private static ChartOptions logLog(boolean fit) {
        return new ChartOptions("Held-out loss vs pre-training images", "Pre-training images", "Held-out loss", true,
                ChartOptions.Band.MIN_MAX, true, fit);
    }

    @Test
    void eachSeriesGetsItsPowerLawAsADashedLineOfItsColour() {
        JFreeChart chart = BandedLineChart.build(powerLaws(), logLog(true));
        XYPlot plot = chart.getXYPlot();
        assertInstanceOf(LogScaleAxis.class, plot.getDomainAxis());
        assertInstanceOf(LogScaleAxis.class, plot.getRangeAxis());
        XYDataset fits = plot.getDataset(BandedLineChart.FIT_DATASET);
        assertEquals(2, fits.getSeriesCount());
        assertEquals("d=30 — fit: 3·x^-0.2", fits.getSeriesKey(0));
        assertEquals("d=20 — fit: 2·x^-0.2", fits.getSeriesKey(1));
        var data = plot.getRenderer(0);
        var lines = plot.getRenderer(BandedLineChart.FIT_DATASET);
        for (int i = 0; i < 2; i++) {
            assertEquals(data.getSeriesPaint(i), lines.getSeriesPaint(i), "the fit has its series' colour");
            assertNotNull(((BasicStroke) lines.getSeriesStroke(i)).getDashArray(), "and is dashed");
        }
        assertEquals(2 * Math.pow(4000, -0.2), fits.getYValue(1, fits.getItemCount(1) - 1), 1e-9);
        BufferedImage image = new BufferedImage(500, 350, BufferedImage.TYPE_INT_ARGB);
        chart.draw(image.createGraphics(), new Rectangle2D.Double(0, 0, 500, 350));
    }

    @Test
    void updateRefitsAndAChartWithoutFitsHasNone() {
        JFreeChart chart = BandedLineChart.build(List.of(), logLog(true));
        assertEquals(0, chart.getXYPlot().getDataset(BandedLineChart.FIT_DATASET).getSeriesCount());
        List<Series> one = List.of(powerLaws().get(0));
        BandedLineChart.update(chart, one, ChartOptions.Band.NONE);
        assertEquals("fit: 3·x^-0.2", chart.getXYPlot().getDataset(BandedLineChart.FIT_DATASET).getSeriesKey(0),
                "a lone series' fit needs no series name");
        JFreeChart plain = BandedLineChart.build(powerLaws(), logLog(false));
        assertNull(plain.getXYPlot().getDataset(BandedLineChart.FIT_DATASET));
    }
}
