package org.sparsitystudio.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.PowerLaw;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.kinds.roma.RomaKind;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.persistence.Database;

/** RoMA's scaling charts drawn from a study stored in a real H2 file, whose loss follows a known power law. */
class ScalingPlotTest {

    private final RomaKind kind = new RomaKind();

    private ChartSpec chart(String title) {
        return kind.charts().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
    }

    private static StudyPlot.Plot plot(Database db, long id, RomaKind kind, ChartSpec chart) {
        StoredStudy stored = StoredStudy.load(db, id);
        return StudyPlot.plot(kind, chart, stored.runData(), stored.metricSource(db), AxisChoice.suggested(chart),
                Set.of());
    }

    @Test
    void lossAgainstImagesHasEachWidthsPowerLawOnLogLogAxes(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            long id = ScalingStudyFixture.study(db);
            StudyPlot.Plot plot = plot(db, id, kind, chart("Held-out loss vs pre-training images"));
            assertTrue(plot.options().logX() && plot.options().logY() && plot.options().powerLawFit());
            assertEquals(List.of("d=16", "d=32"), plot.series().stream().map(Series::name).toList());
            Map<String, PowerLaw> fits = plot.fits();
            assertEquals(List.of("d=16", "d=32"), List.copyOf(fits.keySet()));
            for (int d : new int[] {16, 32}) {
                PowerLaw fit = fits.get("d=" + d);
                assertEquals(ScalingStudyFixture.DATA_EXPONENT, fit.k(), 1e-9, "fitted through the seeds' means");
                assertEquals(ScalingStudyFixture.loss(d, 1), fit.a(), 1e-9);
                assertEquals(3, fit.points());
            }

            JFreeChart chart = BandedLineChart.build(plot.series(), plot.options());
            XYDataset lines = chart.getXYPlot().getDataset(1);
            assertEquals(2, lines.getSeriesCount(), "one fit line per width");
            assertEquals(BandedLineChart.fitName("d=16", fits.get("d=16"), 2), lines.getSeriesKey(0));
            assertTrue(lines.getSeriesKey(0).toString().endsWith("·x^-0.2"), lines.getSeriesKey(0).toString());
        }
    }

    @Test
    void lossAgainstParametersPutsWidthsAlongXAndFitsThePerImagesLaw(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            long id = ScalingStudyFixture.study(db);
            StudyPlot.Plot plot = plot(db, id, kind, chart("Held-out loss vs parameters"));
            assertEquals(List.of("pretrainImages=250", "pretrainImages=1000", "pretrainImages=4000"),
                    plot.series().stream().map(Series::name).toList(), "d sets x; it does not split series");
            assertEquals(List.of(ScalingStudyFixture.parameters(16), ScalingStudyFixture.parameters(32)),
                    plot.series().get(0).points().stream().map(p -> p.x()).toList(), "x is the stored result");
            plot.fits().values().forEach(fit -> assertEquals(ScalingStudyFixture.SIZE_EXPONENT, fit.k(), 1e-9));
            assertEquals(3, plot.fits().size());
            assertEquals("Parameters (count)", plot.options().xLabel());
        }
    }

    @Test
    void probeAccuracyIsLogXWithoutAFit(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            long id = ScalingStudyFixture.study(db);
            StudyPlot.Plot plot = plot(db, id, kind, chart("Probe accuracy vs pre-training images"));
            assertTrue(plot.options().logX());
            assertFalse(plot.options().logY() || plot.options().powerLawFit());
            assertTrue(plot.fits().isEmpty());
            assertEquals(3, plot.series().get(0).points().size());
        }
    }
}
