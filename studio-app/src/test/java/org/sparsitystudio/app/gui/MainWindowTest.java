package org.sparsitystudio.app.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.persistence.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real main window under headless JavaFX (Monocle): the gallery shows the kinds, clicks work. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Database database;

    @Start
    void start(Stage stage) throws Exception {
        database = Database.open(java.nio.file.Files.createTempDirectory("studio-gui-test").resolve("studio"));
        database.migrate();
        ExperimentKinds kinds = new ExperimentKinds(List.of(new RandomPruningKind(),
                new org.sparsitystudio.experiments.kinds.roma.RomaKind()));
        MainWindow window = new MainWindow(new GalleryViewModel(kinds), kinds, "CPU · test", database);
        stage.setScene(new Scene(window, 1000, 600));
        stage.show();
    }

    @org.junit.jupiter.api.AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aDesignRunsFromTheStudioIntoTheDatabaseWithLiveRows(FxRobot robot) throws Exception {
        robot.clickOn("#new-study-random-pruning-scaling");
        robot.clickOn("#sweep-width").clickOn("#sweep-distribution");
        set(robot, "#field-width", "0.25");
        set(robot, "#field-distribution", "erk");
        set(robot, "#field-sparsity", "0, 0.9");
        set(robot, "#field-epochs", "1");
        set(robot, "#field-data", "embedded");
        Label summary = robot.lookup("#summary").queryAs(Label.class);
        assertTrue(summary.getText().equals("2 sparsities = 2 runs"), summary.getText());
        robot.clickOn("#run");
        Label queue = robot.lookup("#queue-state").queryAs(Label.class);
        org.testfx.util.WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS,
                () -> queue.getText().contains("2 completed"));
        List<org.sparsitystudio.persistence.RunRecord> stored = database.runs().listByStudy(
                database.studies().list().get(0).id());
        assertTrue(stored.stream().allMatch(r -> r.status() == org.sparsitystudio.experiments.run.RunStatus.COMPLETED),
                stored.toString());
    }

    private static void set(FxRobot robot, String field, String text) {
        javafx.scene.control.TextField input = robot.lookup(field).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> input.setText(text));
    }

    @Test
    void galleryShowsEachKindWithItsPaperAndNewStudyAnswers(FxRobot robot) {
        assertTrue(robot.lookup("#card-random-pruning-scaling").tryQuery().isPresent(), "the random-pruning card");
        assertTrue(robot.lookup(".card-paper").queryAs(Label.class).getText().contains("ICLR 2022"));
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertTrue(status.getText().startsWith("CPU · test"), status.getText());
    }

    @Test
    void newStudyOpensTheDesignerWhichBlocksRunningWhileAValueIsInvalid(FxRobot robot) {
        robot.clickOn("#new-study-random-pruning-scaling");
        Label summary = robot.lookup("#summary").queryAs(Label.class);
        assertTrue(summary.getText().endsWith("= 60 runs"), summary.getText());
        javafx.scene.control.Button run = robot.lookup("#run").queryAs(javafx.scene.control.Button.class);
        assertTrue(!run.isDisabled());
        robot.clickOn("#field-epochs").eraseText(1).write("0");
        Label error = robot.lookup("#error-epochs").queryAs(Label.class);
        assertTrue(error.getText().contains("epochs = 0 is outside [1, 200]"), error.getText());
        assertTrue(run.isDisabled(), "nothing runs while the design is invalid");
        robot.eraseText(1).write("3");
        assertTrue(!run.isDisabled() && error.getText().isEmpty(), error.getText());
    }

    @Test
    void aFolderParameterIsTypedOrPickedWithAChooser(FxRobot robot) throws Exception {
        robot.clickOn("#new-study-roma-pretraining");
        assertTrue(robot.lookup("#browse-folder").tryQuery().isPresent(), "the image folder has a Browse… button");
        String folder = java.nio.file.Files.createTempDirectory("scenes").toString();
        set(robot, "#field-folder", folder);
        set(robot, "#field-data", "folder");
        Label error = robot.lookup("#error-folder").queryAs(Label.class);
        assertTrue(error.getText().isEmpty(), error.getText());
        assertTrue(!robot.lookup("#run").queryAs(javafx.scene.control.Button.class).isDisabled());
    }
}
