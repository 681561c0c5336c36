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
    private String baseStatus;

    public MainWindow(GalleryViewModel gallery, org.sparsitystudio.experiments.spi.ExperimentKinds kinds, String backend,
            org.sparsitystudio.persistence.Database database) {
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
                design -> setCenter(startStudy(kinds, database, design)))));
        galleryButton.setOnAction(e -> setCenter(galleryView));
        setCenter(galleryView);
        status.setId("status");
        baseStatus = backend + "   ·   Database: " + database.url();
        status.setText(baseStatus);
        HBox bar = new HBox(status);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        setBottom(bar);
        getStylesheets().add(MainWindow.class.getResource("studio.css").toExternalForm());
    }

    /** Stores the study, starts its runs on the executor and shows their queue. */
    private javafx.scene.Node startStudy(org.sparsitystudio.experiments.spi.ExperimentKinds kinds,
            org.sparsitystudio.persistence.Database database, org.sparsitystudio.experiments.spi.Design design) {
        var stored = org.sparsitystudio.persistence.StudyStore.store(database, kinds, design);
        var runs = new org.sparsitystudio.app.runs.RunsViewModel(stored.runs(), javafx.application.Platform::runLater);
        var recorder = new org.sparsitystudio.persistence.StudyRecorder(database, stored.runIds());
        var executor = new org.sparsitystudio.experiments.run.RunExecutor(1,
                org.sparsitystudio.experiments.run.RunListeners.of(recorder, runs),
                spec -> org.sparsitystudio.experiments.run.Provenance.forRun(stored.kind(), spec));
        var handle = executor.submit(stored.kind(), stored.runs());
        Thread closer = new Thread(() -> {
            try {
                handle.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                recorder.close();
                executor.close();
            }
        }, "study-" + stored.study().id());
        closer.setDaemon(true);
        closer.start();
        status.setText(baseStatus + "   ·   study " + stored.study().id() + " started: " + stored.runs().size() + " runs");
        return new org.sparsitystudio.app.runs.RunsView(stored.study().name(), runs, handle::cancel);
    }

    public Label status() {
        return status;
    }
}
