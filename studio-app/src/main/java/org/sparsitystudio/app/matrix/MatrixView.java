package org.sparsitystudio.app.matrix;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.sparsitystudio.app.study.RunMatrices;
import org.sparsitystudio.charts.MatrixRaster;
import org.sparsitystudio.experiments.spi.Matrix.Style;
import org.sparsitystudio.experiments.spi.Matrix;

/**
 * A run's matrices as images: pick one (an N:M mask, a Monarch factor, a density table), zoom it
 * with the slider or Ctrl + wheel (entries stay crisp squares; an N:M mask's groups of M get
 * boundary lines from 4× on), and read any entry's row, column and value under the pointer. The matrices are read off the FX thread.
 */
public final class MatrixView extends BorderPane {

    private final ComboBox<Matrix> choice = new ComboBox<>();
    private final Slider zoom = new Slider(0.25, 16, 1);
    private final MatrixCanvas canvas = new MatrixCanvas();
    private final Label info = new Label();
    private final Label caption = new Label();
    private final Label pointer = new Label(" ");
    private final Label empty = new Label("Select a run to see the matrices it kept.");
    private final ImageView scaleBar = new ImageView();
    private final Label zoomText = new Label();
    private final Label lowEnd = new Label();
    private final Label highEnd = new Label();
    private final Executor background;
    private long generation;

    /** @param background where the matrices files are read */
    public MatrixView(Executor background) {
        this.background = background;
        setId("matrix-view");
        choice.setId("matrix-choice");
        choice.setPromptText("matrix");
        choice.setCellFactory(list -> new NameCell());
        choice.setButtonCell(new NameCell());
        choice.valueProperty().addListener((obs, old, m) -> show(m));
        zoom.setId("matrix-zoom");
        zoom.setPrefWidth(160);
        zoom.valueProperty().addListener((obs, old, z) -> applyZoom());
        Button fit = new Button("Fit");
        fit.setId("matrix-fit");
        fit.setOnAction(e -> fit());
        info.setId("matrix-info");
        info.getStyleClass().add("hint");
        caption.setId("matrix-caption");
        caption.setWrapText(true);
        pointer.setId("matrix-pointer");
        pointer.getStyleClass().add("log");
        empty.setId("matrix-empty");
        empty.getStyleClass().add("hint");
        empty.setWrapText(true);

        canvas.setOnHover(this::describePointer);
        canvas.setOnZoomRequest(z -> zoom.setValue(Math.max(zoom.getMin(), Math.min(zoom.getMax(), z))));
        zoomText.setId("matrix-zoom-text");
        zoomText.setMinWidth(48);
        zoom.valueProperty().addListener((obs, old, z) -> zoomText.setText(String.format(Locale.ROOT, "%.2g×",
                z.doubleValue())));
        HBox bar = new HBox(8, choice, new Label("Zoom"), zoom, zoomText, fit, info);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(info, Priority.ALWAYS);
        scaleBar.setSmooth(false);
        lowEnd.getStyleClass().add("hint");
        highEnd.getStyleClass().add("hint");
        scaleBar.setStyle("-fx-effect: dropshadow(gaussian, #8c8c8c, 1.5, 1, 0, 0);");
        HBox scale = new HBox(6, lowEnd, scaleBar, highEnd);
        scale.setAlignment(Pos.CENTER_LEFT);
        HBox legend = new HBox(24, scale, pointer);
        legend.setAlignment(Pos.CENTER_LEFT);
        VBox below = new VBox(4, caption, legend);
        VBox top = new VBox(6, bar, empty);
        top.setPadding(new Insets(8, 8, 4, 8));
        below.setPadding(new Insets(4, 8, 8, 8));
        setTop(top);
        setCenter(canvas);
        setBottom(below);
        showMatrices(List.of(), List.of(), "Select a run to see the matrices it kept.");
    }

    /**
     * Loads the matrices of a run in the background and shows them, keeping the chosen matrix
     * when the new run has one of the same name. A later call wins over an earlier one still loading.
     *
     * @param loader reads the run's matrices; {@code null} for no run
     */
    public void load(Supplier<RunMatrices> loader) {
        long mine = ++generation;
        if (loader == null) {
            showMatrices(List.of(), List.of(), "Select a run to see the matrices it kept.");
            return;
        }
        empty.setText("reading…");
        CompletableFuture.supplyAsync(loader, background).whenComplete((found, error) -> Platform.runLater(() -> {
            if (mine != generation) {
                return;
            }
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                showMatrices(List.of(), List.of(), "Cannot read the matrices: " + cause.getMessage());
            } else {
                showMatrices(found.matrices(), found.problems(),
                        "This run kept no matrices (N:M masks, Monarch factors and density tables appear when a run ends).");
            }
        }));
    }

    private void showMatrices(List<Matrix> matrices, List<String> problems, String whenEmpty) {
        String keep = choice.getValue() == null ? null : choice.getValue().name();
        choice.getItems().setAll(matrices);
        String problemText = problems.isEmpty() ? "" : "Not shown: " + String.join("; ", problems);
        empty.setText(matrices.isEmpty() ? (whenEmpty + (problemText.isEmpty() ? "" : " " + problemText)) : problemText);
        empty.setVisible(!empty.getText().isEmpty());
        empty.setManaged(empty.isVisible());
        choice.setDisable(matrices.isEmpty());
        Matrix next = matrices.stream().filter(m -> m.name().equals(keep)).findFirst()
                .orElse(matrices.isEmpty() ? null : matrices.get(0));
        choice.setValue(next);
        if (next == null) {
            show(null);
        }
    }

    private void show(Matrix m) {
        if (m == null) {
            canvas.show(null, 0);
            scaleBar.setImage(null);
            info.setText("");
            caption.setText("");
            lowEnd.setText("");
            highEnd.setText("");
            return;
        }
        MatrixRaster raster = MatrixRaster.of(m);
        WritableImage pixels = new WritableImage(m.cols(), m.rows());
        pixels.getPixelWriter().setPixels(0, 0, m.cols(), m.rows(), PixelFormat.getIntArgbInstance(), raster.argb(), 0,
                m.cols());
        canvas.show(pixels, m.groupColumns());
        int width = 200;
        WritableImage bar = new WritableImage(width, 10);
        for (int x = 0; x < width; x++) {
            int colour = raster.scaleColour(x / (double) (width - 1));
            for (int y = 0; y < 10; y++) {
                bar.getPixelWriter().setArgb(x, y, colour);
            }
        }
        scaleBar.setImage(bar);
        boolean mask = m.style() == Style.MASK;
        lowEnd.setText(mask ? "pruned" : String.format(Locale.ROOT, "%.3g", raster.low()));
        highEnd.setText(mask ? "kept" : String.format(Locale.ROOT, "%.3g", raster.high()));
        String groups = m.groupColumns() > 0 ? String.format(Locale.ROOT, " · groups of %d columns", m.groupColumns())
                : "";
        info.setText(String.format(Locale.ROOT, "%d × %d%s", m.rows(), m.cols(), groups));
        caption.setText(m.caption());
        fit();
        // a view shown for the first time has no size yet: fit again once it is laid out
        Platform.runLater(this::fit);
    }

    /** Zooms so the whole matrix fits the visible area, within the slider's range. */
    private void fit() {
        Matrix m = choice.getValue();
        if (m == null) {
            return;
        }
        double w = Math.max(100, canvas.viewWidth());
        double h = Math.max(100, canvas.viewHeight());
        zoom.setValue(Math.max(zoom.getMin(), Math.min(zoom.getMax(), Math.min(w / m.cols(), h / m.rows()))));
        applyZoom();
    }

    private void applyZoom() {
        canvas.setZoom(zoom.getValue());
    }

    private void describePointer(int r, int c) {
        Matrix m = choice.getValue();
        if (m == null) {
            return;
        }
        if (r < 0 || c < 0 || r >= m.rows() || c >= m.cols()) {
            pointer.setText(" ");
            return;
        }
        float v = m.at(r, c);
        String group = m.groupColumns() > 0 ? String.format(Locale.ROOT, " (group %d)", c / m.groupColumns()) : "";
        pointer.setText(String.format(Locale.ROOT, "row %d, column %d%s: %s", r, c, group,
                Float.isNaN(v) ? "outside the blocks" : String.format(Locale.ROOT, "%.5g", v)));
    }

    /** The image shown, one pixel per entry, or null (for tests). */
    public javafx.scene.image.Image shownImage() {
        return canvas.image();
    }

    /** Pixels per entry on screen. */
    public double zoom() {
        return canvas.zoom();
    }

    /** The currently listed matrices (for tests and menus). */
    public List<Matrix> matrices() {
        return List.copyOf(choice.getItems());
    }

    private static final class NameCell extends ListCell<Matrix> {
        @Override
        protected void updateItem(Matrix m, boolean isEmpty) {
            super.updateItem(m, isEmpty);
            setText(isEmpty || m == null ? null : m.name() + "  (" + m.rows() + " × " + m.cols() + ")");
        }
    }
}
