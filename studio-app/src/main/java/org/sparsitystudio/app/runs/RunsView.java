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

    public RunsView(String title, RunsViewModel model, Runnable cancelStudy) {
        setId("runs");
        TableView<RunRow> table = new TableView<>(model.rows());
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
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        Label queue = new Label();
        queue.setId("queue-state");
        queue.textProperty().bind(model.queueStateProperty());
        Button cancel = new Button("Cancel study");
        cancel.setId("cancel-study");
        cancel.setOnAction(e -> cancelStudy.run());
        HBox top = new HBox(16, heading, queue, cancel);
        top.setPadding(new Insets(16));
        setTop(top);
        setCenter(table);
    }
}
