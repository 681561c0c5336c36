package org.sparsitystudio.app.chart;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.sparsitystudio.app.study.AxisChoice;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.experiments.spi.ChartSpec;

/**
 * A study's chart with its axis choices above it: which chart, log x and y, density instead of
 * sparsity, the band across seeds, accuracy relative to the dense run, and a power law fitted
 * through each series. Points appear as runs finish.
 */
public final class StudyChartView extends BorderPane {

    private final StudyChartViewModel model;
    private final ChartViewer viewer = new ChartViewer(null);
    private final javafx.scene.image.ImageView drawn = new javafx.scene.image.ImageView();
    private final javafx.scene.layout.StackPane area = new javafx.scene.layout.StackPane();
    private final Label note = new Label();
    private JFreeChart chart;
    private ChartOptions shownOptions;

    /**
     * @param exportAction opens the export dialog for what is shown, or {@code null} for no button
     */
    public StudyChartView(StudyChartViewModel model, Runnable exportAction) {
        this.model = model;
        setId("study-chart");
        ComboBox<String> which = new ComboBox<>();
        which.setId("chart-choice");
        which.getItems().setAll(model.chartTitles());
        which.getSelectionModel().select(model.chartIndexProperty().get());
        which.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                model.chartIndexProperty().set(b.intValue());
            }
        });
        CheckBox log = new CheckBox("Log x");
        log.setId("axis-log");
        CheckBox density = new CheckBox("Density");
        density.setId("axis-density");
        density.setTooltip(new Tooltip("Plot density (1 − sparsity) instead of sparsity"));
        ChoiceBox<ChartOptions.Band> band = new ChoiceBox<>();
        band.setId("axis-band");
        band.getItems().setAll(ChartOptions.Band.values());
        band.setTooltip(new Tooltip("Spread across seeds around the mean"));
        CheckBox logY = new CheckBox("Log y");
        logY.setId("axis-log-y");
        CheckBox fit = new CheckBox("Power-law fit");
        fit.setId("axis-fit");
        fit.setTooltip(new Tooltip("Fit y = a·x^k to each series' means by least squares on log x and log y, "
                + "over the points with x > 0 and y > 0, and draw it dashed in the series' colour"));
        CheckBox relative = new CheckBox("% of dense");
        relative.setId("axis-relative");
        relative.setTooltip(new Tooltip("Accuracy as a percentage of the dense run with the same seed and settings, "
                + "so studies of different models compare"));
        Runnable showAxis = () -> {
            AxisChoice a = model.axisProperty().get();
            log.setSelected(a.logX());
            density.setSelected(a.density());
            band.setValue(a.band());
            relative.setSelected(a.relativeToDense());
            logY.setSelected(a.logY());
            fit.setSelected(a.powerLawFit());
            boolean curve = model.chart().x().equals(ChartSpec.STEP) && !model.chart().pairsMetricsByStep();
            density.setDisable(!StudyPlot.isSparsity(model.kind(), model.chart().x()));
            relative.setDisable(curve);
        };
        showAxis.run();
        model.axisProperty().addListener((o, a, b) -> showAxis.run());
        Runnable pushAxis = () -> model.axisProperty().set(new AxisChoice(log.isSelected(), density.isSelected(),
                band.getValue() == null ? ChartOptions.Band.NONE : band.getValue(), relative.isSelected(),
                logY.isSelected(), fit.isSelected()));
        log.setOnAction(e -> pushAxis.run());
        logY.setOnAction(e -> pushAxis.run());
        fit.setOnAction(e -> pushAxis.run());
        density.setOnAction(e -> pushAxis.run());
        band.setOnAction(e -> pushAxis.run());
        relative.setOnAction(e -> pushAxis.run());
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(12, 6, which, log, logY, density, band, relative,
                fit);
        if (exportAction != null) {
            Button export = new Button("Export…");
            export.setId("export-chart");
            export.setOnAction(e -> exportAction.run());
            bar.getChildren().add(export);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 4, 12));
        bar.setPrefWrapLength(400);
        setTop(bar);
        viewer.setId("chart-viewer");
        drawn.setId("chart-image");
        drawn.setVisible(false);
        area.getChildren().addAll(viewer, drawn);
        area.setMinSize(0, 0);
        javafx.beans.InvalidationListener resized = o -> model.setRenderSize((int) area.getWidth(),
                (int) area.getHeight());
        area.widthProperty().addListener(resized);
        area.heightProperty().addListener(resized);
        setCenter(area);
        note.setId("chart-note");
        note.getStyleClass().add("hint");
        note.setPadding(new Insets(0, 12, 6, 12));
        setBottom(note);
        model.frameProperty().addListener((o, before, after) -> show(after));
        if (model.frameProperty().get() != null) {
            show(model.frameProperty().get());
        }
    }

    private void show(StudyChartViewModel.Frame frame) {
        if (frame == null) {
            return;
        }
        StudyPlot.Plot plot = frame.plot();
        if (frame.image() != null) {
            // drawn off the UI thread: only its pixels are copied here
            java.awt.image.BufferedImage image = frame.image();
            int w = image.getWidth();
            int h = image.getHeight();
            javafx.scene.image.WritableImage pixels = drawn.getImage() instanceof javafx.scene.image.WritableImage wi
                    && wi.getWidth() == w && wi.getHeight() == h ? wi : new javafx.scene.image.WritableImage(w, h);
            int[] argb = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
            pixels.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbPreInstance(),
                    argb, 0, w);
            drawn.setImage(pixels);
            drawn.setVisible(true);
            viewer.setVisible(false);
            shownOptions = null;
            showNote(plot);
            return;
        }
        drawn.setVisible(false);
        viewer.setVisible(true);
        // the axes change only with the options; new points only swap the dataset
        if (chart == null || !plot.options().equals(shownOptions)) {
            chart = BandedLineChart.build(plot.series(), plot.options());
            shownOptions = plot.options();
            viewer.setChart(chart);
        } else {
            BandedLineChart.update(chart, plot.series(), plot.options().band());
        }
        showNote(plot);
    }

    private void showNote(StudyPlot.Plot plot) {
        int points = plot.series().stream().mapToInt(s -> s.points().size()).sum();
        note.setText(points == 0 ? "No finished runs yet: points appear here as runs complete."
                + (plot.note().isEmpty() ? "" : " " + plot.note()) : plot.note());
    }

    /** The chart on screen (for tests and export). */
    public JFreeChart chart() {
        return chart;
    }
}
