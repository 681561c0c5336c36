package org.sparsitystudio.app.runs;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The queue of a running study: each run with status, progress bar, ETA, result and why it ended,
 * the queue state, and a button that cancels the whole study.
 */
public final class RunsView extends BorderPane {

    private final TableView<RunRow> table;

    /**
     * @param cancelStudy cancels every run not yet ended, or {@code null} for a stored study
     * @param cancelRun   cancels one run by its sweep position, or {@code null} for a stored study
     */
    public RunsView(String title, RunsViewModel model, Runnable cancelStudy, java.util.function.IntConsumer cancelRun) {
        setId("runs");
        table = new TableView<>(model.rows());
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("This study has no runs."));
        table.setId("runs-table");
        TableColumn<RunRow, String> name = new TableColumn<>("Run");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(300);
        TableColumn<RunRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> javafx.beans.binding.Bindings.createStringBinding(
                () -> c.getValue().statusProperty().get().name().toLowerCase(java.util.Locale.ROOT),
                c.getValue().statusProperty()));
        status.setPrefWidth(110);
        TableColumn<RunRow, Number> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> c.getValue().progressProperty());
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar(0);

            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                bar.setProgress(value == null ? 0 : value.doubleValue());
                setGraphic(empty ? null : bar);
            }
        });
        TableColumn<RunRow, String> eta = new TableColumn<>("ETA");
        eta.setCellValueFactory(c -> c.getValue().etaProperty());
        TableColumn<RunRow, String> result = new TableColumn<>("Test accuracy");
        result.setCellValueFactory(c -> c.getValue().resultProperty());
        TableColumn<RunRow, String> reason = new TableColumn<>("Why it ended");
        reason.setCellValueFactory(c -> c.getValue().reasonProperty());
        reason.setPrefWidth(260);
        table.getColumns().addAll(java.util.List.of(name, status, progress, eta, result, reason));
        if (cancelRun != null) {
            TableColumn<RunRow, RunRow> stop = new TableColumn<>("");
            stop.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
            stop.setCellFactory(c -> new TableCell<>() {
                private final Button button = new Button("Cancel");

                @Override
                protected void updateItem(RunRow row, boolean empty) {
                    super.updateItem(row, empty);
                    if (empty || row == null) {
                        setGraphic(null);
                        return;
                    }
                    button.setId("cancel-run-" + row.index());
                    button.getStyleClass().add("small");
                    button.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                            () -> row.statusProperty().get().isFinal(), row.statusProperty()));
                    button.setOnAction(e -> cancelRun.accept(row.index()));
                    setGraphic(button);
                }
            });
            stop.setPrefWidth(80);
            table.getColumns().add(stop);
        }
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        Label queue = new Label();
        queue.setId("queue-state");
        queue.textProperty().bind(model.queueStateProperty());
        HBox top = new HBox(16, heading, queue);
        top.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        if (cancelStudy != null) {
            Button cancel = new Button("Cancel study");
            cancel.setId("cancel-study");
            cancel.setOnAction(e -> cancelStudy.run());
            top.getChildren().add(cancel);
        }
        top.setPadding(new Insets(16));
        setTop(top);
        setCenter(table);
    }

    /** The runs table, whose selection picks training curves and the log shown. */
    public TableView<RunRow> table() {
        return table;
    }
}
