package org.sparsitystudio.app.browser;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Every study in the database, from this window or any headless process: filter as you type, sort
 * by any column, tag and annotate, open one (double-click or Enter) or compare several.
 */
public final class BrowserView extends BorderPane {

    private final TableView<StudyItem> table;

    public BrowserView(BrowserViewModel model, Consumer<StudyItem> open, Consumer<List<Long>> compare) {
        setId("browser");
        Label title = new Label("Studies");
        title.getStyleClass().add("card-title");
        TextField filter = new TextField();
        filter.setId("browser-filter");
        filter.setPromptText("Filter by name, kind, tag or note");
        filter.setPrefColumnCount(28);
        filter.textProperty().bindBidirectional(model.filterProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("browser-refresh");
        refresh.setOnAction(e -> model.reload());
        Button openButton = new Button("Open");
        openButton.setId("browser-open");
        Button compareButton = new Button("Compare");
        compareButton.setId("browser-compare");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(12, title, filter, refresh, grow, openButton, compareButton);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(16));
        setTop(top);

        table = new TableView<>(model.studies());
        table.setId("browser-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No studies yet. Start one from the gallery, or run a design headless:\n"
                + "java -jar sparsity-studio.jar run design.json"));
        TableColumn<StudyItem, Number> id = new TableColumn<>("#");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        id.setPrefWidth(50);
        TableColumn<StudyItem, String> name = column("Name", StudyItem::name, 260);
        TableColumn<StudyItem, String> kind = column("Kind", StudyItem::kindId, 170);
        TableColumn<StudyItem, String> created = column("Created", s -> s.createdAt().replace('T', ' ')
                .replaceAll("\\.\\d+Z$", "Z"), 170);
        TableColumn<StudyItem, String> runs = column("Runs", s -> s.counts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + " · " + b).orElse("none"), 220);
        TableColumn<StudyItem, String> tags = column("Tags", s -> String.join(", ", s.tags()), 140);
        table.getColumns().addAll(List.of(id, name, kind, created, runs, tags));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<StudyItem> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open.accept(table.getSelectionModel().getSelectedItem());
            }
        });
        openButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.accept(table.getSelectionModel().getSelectedItem()));
        compareButton.disableProperty().bind(javafx.beans.binding.Bindings.size(
                table.getSelectionModel().getSelectedItems()).lessThan(2));
        compareButton.setOnAction(e -> compare.accept(
                table.getSelectionModel().getSelectedItems().stream().map(StudyItem::id).toList()));
        setCenter(table);

        TextField tagField = new TextField();
        tagField.setId("browser-tags");
        tagField.setPromptText("tags, comma separated");
        TextArea notes = new TextArea();
        notes.setId("browser-notes");
        notes.setPromptText("Notes on this study");
        notes.setPrefRowCount(6);
        notes.setWrapText(true);
        Button save = new Button("Save tags and notes");
        save.setId("browser-save");
        Label selectedTitle = new Label("Select a study");
        selectedTitle.getStyleClass().add("section-title");
        VBox side = new VBox(8, selectedTitle, new Label("Tags"), tagField, new Label("Notes"), notes, save);
        side.setPadding(new Insets(12));
        side.setPrefWidth(280);
        side.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.getSelectionModel().selectedItemProperty().addListener((o, before, item) -> {
            selectedTitle.setText(item == null ? "Select a study" : "#" + item.id() + " " + item.name());
            tagField.setText(item == null ? "" : String.join(", ", item.tags()));
            notes.setText(item == null || item.notes() == null ? "" : item.notes());
        });
        save.setOnAction(e -> {
            StudyItem item = table.getSelectionModel().getSelectedItem();
            if (item != null) {
                List<String> tagList = Arrays.stream(tagField.getText().split(","))
                        .map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).distinct().toList();
                long keep = item.id();
                model.annotate(keep, tagList, notes.getText().isBlank() ? null : notes.getText());
                table.getItems().stream().filter(s -> s.id() == keep).findFirst()
                        .ifPresent(s -> table.getSelectionModel().select(s));
            }
        });
        setRight(side);
    }

    private static TableColumn<StudyItem, String> column(String title, java.util.function.Function<StudyItem, String> value,
            double width) {
        TableColumn<StudyItem, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public TableView<StudyItem> table() {
        return table;
    }
}
