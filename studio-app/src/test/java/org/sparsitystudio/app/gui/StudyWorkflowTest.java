package org.sparsitystudio.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparsitystudio.app.browser.StudyItem;
import org.sparsitystudio.app.chart.ChartExport;
import org.sparsitystudio.app.compare.StudiesFixture;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.MatrixArtifact;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.persistence.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio driven as a researcher drives it, headless: a sweep whose chart gains points while it
 * runs, a run cancelled from its row, stored studies opened and compared, and the chart exported in
 * every format, each file checked.
 */
@ExtendWith(ApplicationExtension.class)
class StudyWorkflowTest {

    private Database database;
    private Path dir;
    private long erk;
    private long uniform;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("studio-workflow");
        database = Database.open(dir.resolve("studio"));
        database.migrate();
        erk = StudiesFixture.study(database, "erk at 90%", "erk", 0.84, "abc123");
        uniform = StudiesFixture.study(database, "uniform at 90%", "uniform", 0.80, "abc123");
        ExperimentKinds kinds = new ExperimentKinds(List.of(new RandomPruningKind()));
        MainWindow window = new MainWindow(new GalleryViewModel(kinds), kinds, "CPU · test", database);
        stage.setScene(new Scene(window, 1200, 760));
        stage.show();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static int points(FxRobot robot) {
        // the chart sits in a split pane, whose items join the scene graph at its first layout
        var found = robot.lookup("#chart-viewer").tryQuery();
        if (found.isEmpty()) {
            return 0;
        }
        var chart = ((ChartViewer) found.get()).getChart();
        if (chart == null) {
            return 0;
        }
        var data = chart.getXYPlot().getDataset();
        int n = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            n += data.getItemCount(s);
        }
        return n;
    }

    private static void set(FxRobot robot, String field, String text) {
        TextField input = robot.lookup(field).queryAs(TextField.class);
        robot.interact(() -> input.setText(text));
    }

    @Test
    void theChartGainsPointsWhileTheStudyRunsAndACancelledRunSaysSo(FxRobot robot) throws Exception {
        robot.clickOn("#new-study-random-pruning-scaling");
        robot.clickOn("#sweep-width").clickOn("#sweep-distribution");
        set(robot, "#field-width", "0.25");
        set(robot, "#field-distribution", "erk");
        set(robot, "#field-sparsity", "0, 0.5, 0.9");
        set(robot, "#field-epochs", "20");
        set(robot, "#field-data", "embedded");
        robot.clickOn("#run");
        Label queue = robot.lookup("#queue-state").queryAs(Label.class);
        assertEquals(0, points(robot), "no points before a run completes");
        robot.clickOn("#cancel-run-2");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> queue.getText().contains("1 completed"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> points(robot) >= 1);
        assertTrue(!queue.getText().contains("2 completed"), "the point came while the study still ran: " + queue.getText());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> queue.getText().contains("0 running · 0 queued"));
        assertTrue(queue.getText().contains("2 completed · 1 stopped"), queue.getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> points(robot) == 2);
        @SuppressWarnings("unchecked")
        TableView<org.sparsitystudio.app.runs.RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
        assertEquals(RunStatus.CANCELLED, table.getItems().get(2).statusProperty().get());
        long study = database.studies().list().stream().filter(s -> s.kindId().equals("random-pruning-scaling")
                && s.id() != erk && s.id() != uniform).findFirst().orElseThrow().id();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> database.runs().listByStudy(study).get(2).status()
                == RunStatus.CANCELLED);
        // the selected run's log and training curve
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        var log = robot.lookup("#run-log").queryAs(javafx.scene.control.TextArea.class);
        assertTrue(log.getText().contains("layer densities"), log.getText());
    }

    @Test
    void storedStudiesOpenCompareAndExportInEveryFormat(FxRobot robot) throws Exception {
        robot.clickOn("#nav-studies");
        @SuppressWarnings("unchecked")
        TableView<StudyItem> table = robot.lookup("#browser-table").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        robot.doubleClickOn("erk at 90%");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#study").tryQuery().isPresent()
                && points(robot) == 2);

        robot.clickOn("#nav-studies");
        robot.interact(() -> table.getSelectionModel().selectAll());
        robot.clickOn("#browser-compare");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#compare-export").tryQuery()
                .filter(n -> n.getScene() != null && n.isVisible()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Label test = robot.lookup("#compare-test").queryAs(Label.class);
        assertTrue(test.getText().contains("6 pairs: mean difference +2.000 pp"), test.getText());
        assertTrue(test.getText().contains("paired t-test p ="), test.getText());

        for (ChartExport.Format format : ChartExport.Format.values()) {
            Path file = dir.resolve("compare." + format.extension());
            robot.clickOn("#compare-export");
            @SuppressWarnings("unchecked")
            ChoiceBox<ChartExport.Format> choice = robot.lookup("#export-format").queryAs(ChoiceBox.class);
            robot.interact(() -> choice.setValue(format));
            set(robot, "#export-dpi", "150");
            set(robot, "#export-path", file.toString());
            robot.clickOn("#export-confirm");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(file));
        }
        BufferedImage png = ImageIO.read(dir.resolve("compare.png").toFile());
        assertEquals(7 * 150, png.getWidth(), "double column at the chosen 150 DPI");
        assertEquals(4 * 150, png.getHeight());
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", factory.newDocumentBuilder().parse(dir.resolve("compare.svg").toFile())
                .getDocumentElement().getTagName());
        byte[] pdf = Files.readAllBytes(dir.resolve("compare.pdf"));
        assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(dir.resolve("compare.csv"))).getRecords();
        assertEquals(4, rows.size(), "two studies × two sparsities");
        assertEquals(List.of("series", "sparsity", "finalTestAccuracy_mean", "finalTestAccuracy_min",
                "finalTestAccuracy_max", "finalTestAccuracy_std", "n"), rows.get(0).getParser().getHeaderNames());
        CSVRecord erkSparse = rows.stream().filter(r -> r.get("series").contains("erk at 90%")
                && Double.parseDouble(r.get("sparsity")) == 90).findFirst().orElseThrow();
        assertEquals(84 + 2, Double.parseDouble(erkSparse.get("finalTestAccuracy_mean")), 1e-6,
                "mean over seeds 1–3 of 84 % + seed/100");
    }

    @Test
    void theSelectedRunsMatricesShowAsImagesAndAMissingFileIsNamed(FxRobot robot) throws Exception {
        var runsOfErk = database.runs().listByStudy(erk);
        // a 2:4 mask (kept light) and a signed factor kept by the first run; the second run's file is gone
        Matrix mask = Matrix.of("layer1.mask", "2:4 mask", Matrix.Style.MASK,
                new double[][] {{1, 0, 0, 1, 0, 1, 1, 0}, {1, 1, 0, 0, 0, 0, 1, 1}});
        Matrix factor = Matrix.of("layer1.R", "a factor", Matrix.Style.SIGNED,
                new double[][] {{-1, 2}, {0.5, 0}});
        Path file = MatrixArtifact.write(dir.resolve("run1.safetensors"), List.of(mask, factor));
        database.artifacts().record(runsOfErk.get(0).id(), MatrixArtifact.KIND, file);
        Path gone = MatrixArtifact.write(dir.resolve("run2.safetensors"), List.of(factor));
        database.artifacts().record(runsOfErk.get(1).id(), MatrixArtifact.KIND, gone);
        Files.delete(gone);

        robot.clickOn("#nav-studies");
        robot.doubleClickOn("erk at 90%");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#study").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<org.sparsitystudio.app.runs.RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        robot.clickOn("#tab-matrices");
        ComboBox<?> choice = robot.lookup("#matrix-choice").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> choice.getItems().size() == 2);
        org.sparsitystudio.app.matrix.MatrixView view = robot.lookup("#matrix-view")
                .queryAs(org.sparsitystudio.app.matrix.MatrixView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.Image shown = view.shownImage();
        assertEquals(8, shown.getWidth(), "one pixel per entry, zoomed by the view");
        assertEquals(2, shown.getHeight());
        var pixels = shown.getPixelReader();
        for (int c = 0; c < 8; c++) {
            boolean light = (pixels.getArgb(c, 0) & 0xFF) > 0x80;
            assertEquals(mask.at(0, c) != 0, light, "entry 0," + c);
        }
        assertTrue(view.zoom() >= 4, "a small matrix is zoomed to fill the pane: " + view.zoom());
        assertTrue(robot.lookup("#matrix-info").queryAs(Label.class).getText().contains("2 × 8"));

        // another run: its file is gone, and the view says so instead of failing
        robot.interact(() -> table.getSelectionModel().clearAndSelect(1));
        Label empty = robot.lookup("#matrix-empty").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> empty.getText().contains("is no longer there"));
        assertTrue(choice.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().clearAndSelect(2));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> empty.getText().contains("kept no matrices"));
    }

    @Test
    void anInvalidExportSizeIsNamedAndBlocksExport(FxRobot robot) throws Exception {
        robot.clickOn("#nav-studies");
        robot.doubleClickOn("erk at 90%");
        // the study opens on a background thread; wait until its button is on screen
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#export-chart").tryQuery()
                .filter(n -> n.getScene() != null && n.isVisible()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#export-chart");
        set(robot, "#export-width", "0.2");
        Label problem = robot.lookup("#export-problem").queryAs(Label.class);
        assertTrue(problem.getText().contains("1 to 40 inches"), problem.getText());
        assertTrue(robot.lookup("#export-confirm").query().isDisabled());
        set(robot, "#export-width", "5");
        assertTrue(problem.getText().isEmpty(), problem.getText());
        robot.clickOn("Cancel");
    }

    @Test
    void aStudyThatAnotherProcessRunsIsFollowedLive(FxRobot robot) throws Exception {
        long id = database.studies().create(new org.sparsitystudio.persistence.NewStudy("headless sweep",
                "random-pruning-scaling", "{}", List.of(), "", List.of(
                        new org.sparsitystudio.persistence.NewRun(0, "sparsity=0", 1,
                                "{\"width\":\"1\",\"sparsity\":\"0\",\"distribution\":\"erk\"}"),
                        new org.sparsitystudio.persistence.NewRun(1, "sparsity=0.9", 1,
                                "{\"width\":\"1\",\"sparsity\":\"0.9\",\"distribution\":\"erk\"}")))).study().id();
        robot.clickOn("#nav-studies");
        robot.doubleClickOn("headless sweep");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#queue-state").tryQuery().isPresent());
        Label queue = robot.lookup("#queue-state").queryAs(Label.class);
        assertTrue(queue.getText().contains("2 queued"), queue.getText());
        // what another process would write
        var run = database.runs().listByStudy(id).get(0);
        database.runs().markRunning(run.id());
        database.runs().putResults(run.id(), java.util.Map.of("finalTestAccuracy", 0.875));
        database.runs().finish(run.id(), RunStatus.COMPLETED, null);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> queue.getText().contains("1 completed"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> points(robot) == 1);
    }
}
