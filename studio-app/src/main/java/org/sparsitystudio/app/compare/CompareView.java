package org.sparsitystudio.app.compare;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.sparsitystudio.app.study.AxisChoice;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.charts.BandedLineChart;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.experiments.spi.ChartSpec;

/**
 * Studies overlaid on one chart with a legend per study, the settings in which they differ, and
 * the paired test of the first two.
 */
public final class CompareView extends BorderPane {

    private final CompareViewModel model;
    private final ChartViewer viewer = new ChartViewer(null);
    private final TableView<CompareViewModel.Difference> differences = new TableView<>();
    private final Label test = new Label();
    private final Label pairing = new Label();
    private final ComboBox<String> which = new ComboBox<>();
    private final CheckBox log = new CheckBox("Log x");
    private final CheckBox density = new CheckBox("Density");
    private final ChoiceBox<ChartOptions.Band> band = new ChoiceBox<>();
    private final CheckBox relative = new CheckBox("% of dense");
    private final CheckBox logY = new CheckBox("Log y");
    private final CheckBox fit = new CheckBox("Power-law fit");
    private CompareViewModel.Comparison shown;

    /** @param export opens the export dialog for the plot shown */
    public CompareView(CompareViewModel model, java.util.function.Consumer<CompareView> export) {
        this.model = model;
        setId("compare");
        Label title = new Label("Compare · " + model.entries().size() + " studies of " + model.kind().title());
        title.getStyleClass().add("card-title");
        which.setId("compare-chart");
        which.getItems().setAll(model.kind().charts().stream().map(ChartSpec::title).toList());
        which.getSelectionModel().select(0);
        band.getItems().setAll(ChartOptions.Band.values());
        relative.setId("compare-relative");
        logY.setId("compare-log-y");
        fit.setId("compare-fit");
        AxisChoice suggested = AxisChoice.suggested(model.kind().charts().get(0));
        log.setSelected(suggested.logX());
        band.setValue(suggested.band());
        logY.setSelected(suggested.logY());
        fit.setSelected(suggested.powerLawFit());
        which.setOnAction(e -> {
            AxisChoice a = AxisChoice.suggested(chart());
            log.setSelected(a.logX());
            band.setValue(a.band());
            logY.setSelected(a.logY());
            fit.setSelected(a.powerLawFit());
            refresh();
        });
        log.setOnAction(e -> refresh());
        logY.setOnAction(e -> refresh());
        fit.setOnAction(e -> refresh());
        density.setOnAction(e -> refresh());
        band.setOnAction(e -> refresh());
        relative.setOnAction(e -> refresh());
        Button exportButton = new Button("Export…");
        exportButton.setId("compare-export");
        exportButton.setOnAction(e -> export.accept(this));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox heading = new HBox(10, title, grow, exportButton);
        heading.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane controls = new javafx.scene.layout.FlowPane(12, 6, which, log, logY, density, band,
                relative, fit);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(8, heading, controls);
        bar.setPadding(new Insets(16, 16, 8, 16));
        setTop(bar);
        differences.setId("compare-differences");
        differences.setPlaceholder(new Label("The studies ran with the same settings and code."));
        TableColumn<CompareViewModel.Difference, String> key = new TableColumn<>("Setting");
        key.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().key()));
        key.setPrefWidth(200);
        differences.getColumns().add(key);
        for (int i = 0; i < model.entries().size(); i++) {
            int column = i;
            TableColumn<CompareViewModel.Difference, String> values = new TableColumn<>(model.entries().get(i).label());
            values.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().values().get(column)));
            values.setPrefWidth(220);
            differences.getColumns().add(values);
        }
        test.setId("compare-test");
        test.setWrapText(true);
        pairing.setId("compare-pairing");
        pairing.setWrapText(true);
        pairing.getStyleClass().add("hint");
        Label diffTitle = new Label("Settings that differ");
        diffTitle.getStyleClass().add("section-title");
        Label testTitle = new Label("Paired comparison: " + model.entries().get(1).label() + " minus "
                + model.entries().get(0).label());
        testTitle.getStyleClass().add("section-title");
        VBox below = new VBox(6, testTitle, test, pairing, diffTitle, differences);
        below.setPadding(new Insets(8, 16, 8, 16));
        VBox.setVgrow(differences, Priority.ALWAYS);
        viewer.setId("compare-viewer");
        SplitPane split = new SplitPane(viewer, below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        refresh();
    }

    private ChartSpec chart() {
        return model.kind().charts().get(Math.max(0, which.getSelectionModel().getSelectedIndex()));
    }

    private void refresh() {
        int index = Math.max(0, which.getSelectionModel().getSelectedIndex());
        boolean curve = chart().x().equals(ChartSpec.STEP) && !chart().pairsMetricsByStep();
        density.setDisable(!StudyPlot.isSparsity(model.kind(), chart().x()));
        relative.setDisable(curve);
        shown = model.compare(index, new AxisChoice(log.isSelected(), density.isSelected() && !density.isDisabled(),
                band.getValue() == null ? ChartOptions.Band.NONE : band.getValue(),
                relative.isSelected() && !curve, logY.isSelected(), fit.isSelected()));
        JFreeChart chart = BandedLineChart.build(shown.plot().series(), shown.plot().options());
        viewer.setChart(chart);
        differences.getItems().setAll(shown.differences());
        if (shown.paired() == null) {
            test.setText("Training curves are compared by eye; pick a result chart for a paired test.");
            pairing.setText("");
        } else {
            String unit = "fraction".equals(StudyPlot.unit(model.kind(), chart().y())) ? " pp" : "";
            test.setText(StudyPlot.label(model.kind(), chart().y()) + ": " + shown.paired().describe(unit));
            pairing.setText(shown.pairingNote());
        }
    }

    /** What is shown now, for export. */
    public CompareViewModel.Comparison shown() {
        return shown;
    }

    /** The chart shown now. */
    public ChartSpec shownChart() {
        return chart();
    }

    List<CompareViewModel.Difference> differences() {
        return differences.getItems();
    }
}
