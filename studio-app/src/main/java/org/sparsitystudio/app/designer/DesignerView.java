package org.sparsitystudio.app.designer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ParameterGroup;

/**
 * The designer form, generated from the view model's fields: grouped, with units, help as
 * tooltips, a "sweep" box per parameter, the reason beside an invalid value, the live run count,
 * and a Run button that stays disabled while anything is invalid.
 */
public final class DesignerView extends BorderPane {

    /** A bar chart of the kind's preview (per-layer densities) that follows every edit. */
    private static VBox previewPane(DesignerViewModel model) {
        javafx.scene.chart.CategoryAxis layers = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.NumberAxis values = new javafx.scene.chart.NumberAxis();
        javafx.scene.chart.BarChart<String, Number> bars = new javafx.scene.chart.BarChart<>(layers, values);
        bars.setId("design-preview");
        bars.setLegendVisible(false);
        bars.setAnimated(false);
        bars.setPrefWidth(360);
        bars.setMinWidth(300);
        bars.setPrefHeight(260);
        bars.setMaxHeight(260);
        Label summary = new Label();
        summary.setId("design-preview-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("hint");
        Label title = new Label();
        title.setId("design-preview-title");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        title.setMaxWidth(360);
        summary.setMaxWidth(360);
        javafx.scene.image.ImageView picture = new javafx.scene.image.ImageView();
        picture.setId("design-preview-picture");
        Label pictureCaption = new Label();
        pictureCaption.setId("design-preview-picture-caption");
        pictureCaption.getStyleClass().add("hint");
        pictureCaption.setWrapText(true);
        pictureCaption.setMaxWidth(360);
        VBox box = new VBox(6, title, picture, pictureCaption, bars, summary);
        box.setPadding(new Insets(16, 16, 16, 0));
        Runnable show = () -> {
            var preview = model.previewProperty().get();
            box.setVisible(preview != null);
            box.setManaged(preview != null);
            if (preview == null) {
                return;
            }
            title.setText(preview.title() + " (the sweep's last run)");
            values.setLabel(preview.unit());
            javafx.scene.chart.XYChart.Series<String, Number> series = new javafx.scene.chart.XYChart.Series<>();
            for (var bar : preview.bars()) {
                series.getData().add(new javafx.scene.chart.XYChart.Data<>(bar.label(), bar.value()));
            }
            bars.getData().setAll(java.util.List.of(series));
            bars.setVisible(!preview.bars().isEmpty());
            bars.setManaged(!preview.bars().isEmpty());
            var matrix = preview.picture().orElse(null);
            picture.setImage(matrix == null ? null : crisp(matrix, 340));
            picture.setVisible(matrix != null);
            picture.setManaged(matrix != null);
            pictureCaption.setText(matrix == null ? "" : matrix.caption());
            pictureCaption.setVisible(matrix != null);
            pictureCaption.setManaged(matrix != null);
            for (int i = 0; i < series.getData().size(); i++) {
                var node = series.getData().get(i).getNode();
                if (node != null) {
                    Tooltip.install(node, new Tooltip(preview.bars().get(i).detail()));
                }
            }
            summary.setText(preview.summary());
        };
        model.previewProperty().addListener((o, a, b) -> show.run());
        show.run();
        return box;
    }

    /**
     * The matrix as an image about {@code width} pixels wide, each entry a square of whole pixels
     * (replicated here: a scaled image view would blur the entries), N:M groups outlined.
     */
    static javafx.scene.image.WritableImage crisp(org.sparsitystudio.experiments.spi.Matrix m, int width) {
        int scale = Math.max(1, Math.min(24, width / m.cols()));
        int w = m.cols() * scale;
        int h = m.rows() * scale;
        int[] pixels = new int[w * h];
        org.sparsitystudio.charts.MatrixRaster raster = org.sparsitystudio.charts.MatrixRaster.of(m);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = x / scale;
                boolean groupEdge = m.groupColumns() > 0 && scale >= 4 && c > 0 && c % m.groupColumns() == 0
                        && x % scale == 0;
                pixels[y * w + x] = groupEdge ? 0xFF8099BB : raster.pixel(y / scale, c);
            }
        }
        javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, w);
        return image;
    }

    public DesignerView(DesignerViewModel model, Consumer<Design> onRun) {
        setId("designer");
        Label title = new Label("New study · " + model.kind().title());
        title.getStyleClass().add("card-title");
        VBox groups = new VBox(14);
        groups.setPadding(new Insets(16));
        Map<ParameterGroup, GridPane> grids = new LinkedHashMap<>();
        for (ParameterField field : model.fields()) {
            GridPane grid = grids.computeIfAbsent(field.spec().group(), g -> {
                GridPane gp = new GridPane();
                gp.setHgap(10);
                gp.setVgap(6);
                // the same column widths in every group, so the form reads as one table
                javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints(190);
                javafx.scene.layout.ColumnConstraints inputs = new javafx.scene.layout.ColumnConstraints(300);
                javafx.scene.layout.ColumnConstraints units = new javafx.scene.layout.ColumnConstraints(70);
                gp.getColumnConstraints().addAll(labels, inputs, units);
                Label heading = new Label(g.label());
                heading.getStyleClass().add("group-heading");
                groups.getChildren().addAll(heading, gp);
                return gp;
            });
            int row = grid.getRowCount();
            Label label = new Label(field.spec().label());
            Tooltip help = new Tooltip(field.spec().help() + "\nAllowed: " + field.spec().allowed());
            label.setTooltip(help);
            javafx.scene.control.Control input;
            if (field.spec().artifactKind().isPresent()) {
                // a parameter that names a stored file (a checkpoint): offer the stored ones
                javafx.scene.control.ComboBox<String> box = new javafx.scene.control.ComboBox<>();
                box.setEditable(true);
                box.getItems().setAll(model.suggestions(field));
                box.setPromptText(box.getItems().isEmpty() ? "none stored yet; empty: pre-train"
                        : box.getItems().size() + " stored; empty: pre-train");
                box.getEditor().textProperty().bindBidirectional(field.textProperty());
                box.setMaxWidth(Double.MAX_VALUE);
                input = box;
            } else if (field.spec().namesFolder()) {
                // a folder on disk (an image data set): type it or pick it
                TextField text = new TextField();
                text.setPrefColumnCount(16);
                text.textProperty().bindBidirectional(field.textProperty());
                javafx.scene.control.Button browse = new javafx.scene.control.Button("Browse…");
                browse.setId("browse-" + field.spec().name());
                browse.setOnAction(e -> {
                    javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
                    chooser.setTitle(field.spec().label());
                    java.io.File current = new java.io.File(text.getText());
                    if (current.isDirectory()) {
                        chooser.setInitialDirectory(current);
                    }
                    java.io.File picked = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
                    if (picked != null) {
                        text.setText(picked.getAbsolutePath());
                    }
                });
                javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(6, text, browse);
                HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
                text.setId("field-" + field.spec().name());
                text.setTooltip(help);
                grid.addRow(row, label, box, new Label(field.spec().unit()), sweepBox(field), errorLabel(field, text));
                continue;
            } else {
                TextField text = new TextField();
                text.setPrefColumnCount(22);
                text.textProperty().bindBidirectional(field.textProperty());
                input = text;
            }
            input.setId("field-" + field.spec().name());
            input.setTooltip(help);
            Label unit = new Label(field.spec().unit());
            grid.addRow(row, label, input, unit, sweepBox(field), errorLabel(field, input));
        }
        TextField seeds = new TextField();
        seeds.setId("field-seeds");
        seeds.setPromptText("e.g. 1, 2, 3 (empty: one run per point)");
        seeds.textProperty().bindBidirectional(model.seedsProperty());
        Label seedsHeading = new Label(ParameterGroup.SEEDS.label());
        seedsHeading.getStyleClass().add("group-heading");
        GridPane seedGrid = new GridPane();
        seedGrid.setHgap(10);
        seedGrid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(190),
                new javafx.scene.layout.ColumnConstraints(300));
        seedGrid.addRow(0, new Label("Run seeds"), seeds);
        groups.getChildren().addAll(seedsHeading, seedGrid);
        javafx.scene.layout.HBox content = new javafx.scene.layout.HBox(8, groups, previewPane(model));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Label summary = new Label();
        summary.setId("summary");
        summary.textProperty().bind(model.summaryProperty());
        Button run = new Button("Run");
        run.setId("run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.validProperty().not());
        run.setOnAction(e -> onRun.accept(model.toDesign()));
        HBox bottom = new HBox(16, summary, run);
        bottom.setPadding(new Insets(10, 16, 10, 16));
        VBox top = new VBox(title);
        top.setPadding(new Insets(16, 16, 0, 16));
        setTop(top);
        setCenter(scroll);
        setBottom(bottom);
    }

    private static CheckBox sweepBox(ParameterField field) {
        CheckBox sweep = new CheckBox("sweep");
        sweep.setId("sweep-" + field.spec().name());
        sweep.selectedProperty().bindBidirectional(field.sweptProperty());
        return sweep;
    }

    /** The reason beside an invalid value; the input gets a red border while there is one. */
    private static Label errorLabel(ParameterField field, javafx.scene.control.Control input) {
        Label error = new Label();
        error.setId("error-" + field.spec().name());
        error.getStyleClass().add("field-error");
        error.textProperty().bind(field.errorProperty());
        field.errorProperty().addListener((o, a, b) -> input.setStyle(b.isEmpty() ? "" : "-fx-border-color: #cf222e;"));
        return error;
    }
}
