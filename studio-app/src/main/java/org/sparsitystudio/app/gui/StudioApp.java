package org.sparsitystudio.app.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.sparsitystudio.experiments.run.Machine;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.persistence.Database;

/** The desktop studio's entry point: wires the view models and the main window. */
public final class StudioApp extends Application {

    private Database database;

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public void start(Stage stage) {
        ExperimentKinds kinds = ExperimentKinds.load();
        database = Database.openDefault();
        database.migrate();
        database.recoverInterrupted();
        StudioPreferences preferences = StudioPreferences.user();
        MainWindow window = new MainWindow(new GalleryViewModel(kinds), kinds, Machine.backendSummary(), database,
                preferences);
        stage.setTitle("Sparsity Studio");
        stage.getIcons().add(new javafx.scene.image.Image(StudioApp.class.getResourceAsStream("icon.png")));
        stage.setScene(new Scene(window, preferences.windowWidth(), preferences.windowHeight()));
        stage.setOnHiding(e -> preferences.rememberWindow(stage.getWidth(), stage.getHeight()));
        stage.show();
        String study = getParameters().getNamed().get("study");
        if (study != null) {
            window.openStudy(Long.parseLong(study));
        }
    }

    public static void main(String[] args) {
        launch(StudioApp.class, args);
    }
}
