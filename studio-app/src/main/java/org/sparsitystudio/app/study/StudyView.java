package org.sparsitystudio.app.study;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.sparsitystudio.app.chart.StudyChartView;
import org.sparsitystudio.app.chart.StudyChartViewModel;
import org.sparsitystudio.app.matrix.MatrixView;
import org.sparsitystudio.app.runs.RunRow;
import org.sparsitystudio.app.runs.RunsView;
import org.sparsitystudio.app.runs.RunsViewModel;

/**
 * One study on one screen: its runs (status, progress, cancel) above; below, the chart or, on a
 * second tab, the matrices (masks, Monarch factors, density tables) of the selected run, and the
 * selected run's log beside them. Selecting runs picks whose training curves are drawn.
 */
public final class StudyView extends BorderPane {

    private final StudyChartView chartView;
    private final RunsView runsView;
    private final MatrixView matrixView;

    // one daemon thread for every study screen: matrices files are read one at a time, off the FX thread
    private static final Executor MATRIX_READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "matrix-reader");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param cancelStudy {@code null} for a study that is not running here
     * @param cancelRun   {@code null} for a study that is not running here
     * @param export      opens the export dialog of the chart
     * @param matrices    reads the matrices a run (by index) kept; called off the FX thread
     */
    public StudyView(String title, RunsViewModel runs, StudyChartViewModel chart, Runnable cancelStudy,
            java.util.function.IntConsumer cancelRun, Runnable export, IntFunction<RunMatrices> matrices) {
        setId("study");
        runsView = new RunsView(title, runs, cancelStudy, cancelRun);
        chartView = new StudyChartView(chart, export);
        TextArea log = new TextArea();
        log.setId("run-log");
        log.setEditable(false);
        log.setWrapText(true);
        log.getStyleClass().add("log");
        Label logTitle = new Label("Log of the selected run");
        logTitle.getStyleClass().add("section-title");
        VBox logBox = new VBox(4, logTitle, log);
        logBox.setPadding(new Insets(8));
        VBox.setVgrow(log, javafx.scene.layout.Priority.ALWAYS);
        matrixView = new MatrixView(MATRIX_READER);
        Tab chartTab = new Tab("Chart", chartView);
        chartTab.setId("tab-chart");
        Tab matrixTab = new Tab("Matrices", matrixView);
        matrixTab.setId("tab-matrices");
        TabPane views = new TabPane(chartTab, matrixTab);
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // read a run's matrices when they are looked at: on selecting the tab, or another run while it shows
        Runnable loadMatrices = () -> {
            RunRow focus = runsView.table().getSelectionModel().getSelectedItem();
            int index = focus == null ? -1 : focus.index();
            matrixView.load(focus == null ? null : () -> matrices.apply(index));
        };
        matrixTab.setOnSelectionChanged(e -> {
            if (matrixTab.isSelected()) {
                loadMatrices.run();
            }
        });
        runsView.table().getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<RunRow>) change -> {
                    var picked = runsView.table().getSelectionModel().getSelectedItems();
                    chart.selectedRuns().retainAll(picked.stream().map(RunRow::index).toList());
                    picked.forEach(r -> chart.selectedRuns().add(r.index()));
                    RunRow focus = runsView.table().getSelectionModel().getSelectedItem();
                    log.setText(focus == null ? "" : String.join("\n", runs.log(focus.index())));
                    log.positionCaret(log.getText().length());
                    if (matrixTab.isSelected()) {
                        loadMatrices.run();
                    }
                });
        SplitPane below = new SplitPane(views, logBox);
        below.setDividerPositions(0.72);
        SplitPane all = new SplitPane(runsView, below);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.38);
        setCenter(all);
    }

    public StudyChartView chartView() {
        return chartView;
    }

    public MatrixView matrixView() {
        return matrixView;
    }

    public RunsView runsView() {
        return runsView;
    }
}
