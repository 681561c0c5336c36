package org.sparsitystudio.app.gui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: a navigation rail on the left, the working area, and a status bar with
 * the backend and the database. Screens beyond the gallery arrive with the studio issue.
 */
public final class MainWindow extends BorderPane {

    private final Label status = new Label();

    public MainWindow(GalleryViewModel gallery, org.sparsitystudio.experiments.spi.ExperimentKinds kinds, String backend,
            String database) {
        ToggleGroup rail = new ToggleGroup();
        ToggleButton galleryButton = new ToggleButton("Gallery");
        galleryButton.setToggleGroup(rail);
        galleryButton.setSelected(true);
        galleryButton.setMaxWidth(Double.MAX_VALUE);
        VBox left = new VBox(4, galleryButton);
        left.setPadding(new Insets(12, 8, 12, 8));
        left.getStyleClass().add("rail");
        setLeft(left);
        GalleryView galleryView = new GalleryView(gallery, card -> setCenter(new org.sparsitystudio.app.designer.DesignerView(
                new org.sparsitystudio.app.designer.DesignerViewModel(kinds.get(card.id())),
                design -> status.setText("Running from the studio arrives with the runs screen; for now: "
                        + "sparsity-studio design " + card.id() + ", then run it"))));
        galleryButton.setOnAction(e -> setCenter(galleryView));
        setCenter(galleryView);
        status.setId("status");
        status.setText(backend + "   ·   " + database);
        HBox bar = new HBox(status);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        setBottom(bar);
        getStylesheets().add(MainWindow.class.getResource("studio.css").toExternalForm());
    }

    public Label status() {
        return status;
    }
}
