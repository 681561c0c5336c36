package org.sparsitystudio.app.chart;

import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where and how to export a chart: format, figure size (paper column presets or custom),
 * resolution for PNG, and the file, with a sensible default name in the last folder used. Invalid
 * numbers are named at once and keep Export disabled.
 */
public final class ExportDialog extends Dialog<ExportDialog.Choice> {

    /** What the user chose. */
    public record Choice(ChartExport.Request request, Path file) {
    }

    private enum Preset {
        SINGLE("Single column (3.5 × 2.6 in)", 3.5, 2.6), DOUBLE("Double column (7 × 4 in)", 7, 4),
        SLIDE("Slide (10 × 5.6 in)", 10, 5.6), CUSTOM("Custom", 0, 0);

        final String label;
        final double width;
        final double height;

        Preset(String label, double width, double height) {
            this.label = label;
            this.width = width;
            this.height = height;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ChoiceBox<ChartExport.Format> format = new ChoiceBox<>();
    private final ChoiceBox<Preset> preset = new ChoiceBox<>();
    private final TextField width = new TextField("7");
    private final TextField height = new TextField("4");
    private final TextField dpi = new TextField("300");
    private final TextField file = new TextField();
    private final Label problem = new Label();

    /**
     * @param owner     the main window
     * @param folder    where the file goes by default
     * @param baseName  file name without extension, e.g. "study-12-test-accuracy-vs-sparsity"
     */
    public ExportDialog(Window owner, Path folder, String baseName) {
        initOwner(owner);
        setTitle("Export chart");
        setHeaderText("Export the chart as it is shown");
        format.setId("export-format");
        format.getItems().setAll(ChartExport.Format.values());
        format.setValue(ChartExport.Format.PNG);
        preset.setId("export-preset");
        preset.getItems().setAll(Preset.values());
        preset.setValue(Preset.DOUBLE);
        width.setId("export-width");
        height.setId("export-height");
        dpi.setId("export-dpi");
        file.setId("export-path");
        file.setText(folder.resolve(baseName + ".png").toString());
        problem.setId("export-problem");
        problem.getStyleClass().add("field-error");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            Path current = Path.of(file.getText().isBlank() ? folder.toString() : file.getText()).toAbsolutePath();
            if (current.getParent() != null && current.getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(current.getParent().toFile());
            }
            chooser.setInitialFileName(current.getFileName().toString());
            java.io.File picked = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
            if (picked != null) {
                file.setText(picked.getPath());
            }
        });
        preset.setOnAction(e -> {
            Preset p = preset.getValue();
            if (p != Preset.CUSTOM) {
                width.setText(trim(p.width));
                height.setText(trim(p.height));
            }
            validate();
        });
        format.setOnAction(e -> {
            String text = file.getText();
            int dot = text.lastIndexOf('.');
            if (dot > text.lastIndexOf(java.io.File.separatorChar)) {
                file.setText(text.substring(0, dot + 1) + format.getValue().extension());
            }
            validate();
        });
        for (TextField f : new TextField[] {width, height, dpi, file}) {
            f.textProperty().addListener((o, a, b) -> validate());
        }
        width.textProperty().addListener((o, a, b) -> markCustom());
        height.textProperty().addListener((o, a, b) -> markCustom());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Size"), preset);
        grid.addRow(2, new Label("Width × height (in)"), new HBox(6, width, new Label("×"), height));
        grid.addRow(3, new Label("Resolution (PNG)"), new HBox(6, dpi, new Label("DPI")));
        HBox fileRow = new HBox(6, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);
        file.setPrefColumnCount(34);
        grid.addRow(4, new Label("File"), fileRow);
        grid.add(problem, 1, 5);
        width.setPrefColumnCount(4);
        height.setPrefColumnCount(4);
        dpi.setPrefColumnCount(5);
        getDialogPane().setContent(grid);
        ButtonType export = new ButtonType("Export", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(export, ButtonType.CANCEL);
        getDialogPane().lookupButton(export).setId("export-confirm");
        setResultConverter(button -> button == export ? choice().orElse(null) : null);
        validate();
    }

    private boolean updatingPreset;

    private void markCustom() {
        if (updatingPreset) {
            return;
        }
        Preset p = preset.getValue();
        if (p != null && p != Preset.CUSTOM && !(trim(p.width).equals(width.getText())
                && trim(p.height).equals(height.getText()))) {
            updatingPreset = true;
            preset.setValue(Preset.CUSTOM);
            updatingPreset = false;
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private Optional<Choice> choice() {
        try {
            double w = Double.parseDouble(width.getText().trim());
            double h = Double.parseDouble(height.getText().trim());
            int d = Integer.parseInt(dpi.getText().trim());
            if (file.getText().isBlank()) {
                throw new IllegalArgumentException("choose a file");
            }
            return Optional.of(new Choice(new ChartExport.Request(format.getValue(), w, h, d),
                    Path.of(file.getText().trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void validate() {
        String message = "";
        try {
            double w = Double.parseDouble(width.getText().trim());
            double h = Double.parseDouble(height.getText().trim());
            int d = Integer.parseInt(dpi.getText().trim());
            new ChartExport.Request(format.getValue(), w, h, d);
            if (file.getText().isBlank()) {
                message = "Choose a file";
            }
        } catch (NumberFormatException e) {
            message = "Width and height are numbers of inches; resolution is a whole number of DPI";
        } catch (IllegalArgumentException e) {
            message = Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1);
        }
        problem.setText(message);
        javafx.scene.Node ok = getDialogPane().lookupButton(getDialogPane().getButtonTypes().isEmpty() ? null
                : getDialogPane().getButtonTypes().get(0));
        if (ok != null) {
            ok.setDisable(!message.isEmpty());
        }
    }
}
