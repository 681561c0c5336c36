package org.sparsitystudio.app.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.sparsitystudio.app.browser.BrowserView;
import org.sparsitystudio.app.browser.BrowserViewModel;
import org.sparsitystudio.app.browser.StudyItem;
import org.sparsitystudio.app.chart.ChartExport;
import org.sparsitystudio.app.chart.ExportDialog;
import org.sparsitystudio.app.chart.StudyChartViewModel;
import org.sparsitystudio.app.compare.CompareView;
import org.sparsitystudio.app.compare.CompareViewModel;
import org.sparsitystudio.app.designer.DesignerView;
import org.sparsitystudio.app.designer.DesignerViewModel;
import org.sparsitystudio.app.runs.RunsViewModel;
import org.sparsitystudio.app.study.RunMatrices;
import org.sparsitystudio.app.study.StoredStudy;
import org.sparsitystudio.app.study.StudyCsv;
import org.sparsitystudio.app.study.StudyPlot;
import org.sparsitystudio.app.study.StudyView;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunListeners;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.StudyRecorder;
import org.sparsitystudio.persistence.StudyStore;

/**
 * The main window: menus, a navigation rail (gallery, studies, compare, the open study), the working
 * area and a status bar with the backend, the database and what just happened. Database reads,
 * study starts and exports run on a background thread; the FX thread only shows their results.
 */
public final class MainWindow extends BorderPane {

    private final ExperimentKinds kinds;
    private final Database database;
    private final StudioPreferences preferences;
    private final Label status = new Label();
    private final String baseStatus;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-background");
        t.setDaemon(true);
        return t;
    });
    private final ToggleGroup rail = new ToggleGroup();
    private final ToggleButton galleryButton = railButton("Gallery", "nav-gallery");
    private final ToggleButton studiesButton = railButton("Studies", "nav-studies");
    private final ToggleButton compareButton = railButton("Compare", "nav-compare");
    private final ToggleButton studyButton = railButton("Study", "nav-study");
    private final GalleryView galleryView;
    private final BrowserViewModel browserModel;
    private final BrowserView browserView;
    private DesignerViewModel designer;
    private OpenStudy openStudy;
    private CompareView compareView;

    /** The study on the "Study" screen: its view, chart model and, while it runs here, its handle. */
    private record OpenStudy(long id, String name, StudyView view, StudyChartViewModel chart,
            RunExecutor.StudyHandle handle) {
    }

    public MainWindow(GalleryViewModel gallery, ExperimentKinds kinds, String backend, Database database) {
        this(gallery, kinds, backend, database, StudioPreferences.user());
    }

    public MainWindow(GalleryViewModel gallery, ExperimentKinds kinds, String backend, Database database,
            StudioPreferences preferences) {
        this.kinds = kinds;
        this.database = database;
        this.preferences = preferences;
        galleryView = new GalleryView(gallery, card -> showDesigner(new DesignerViewModel(kinds.get(card.id()),
                this::storedArtifacts)));
        browserModel = new BrowserViewModel(database);
        browserView = new BrowserView(browserModel, this::openStored, this::compare);
        studyButton.setDisable(true);
        compareButton.setDisable(true);
        galleryButton.setOnAction(e -> showGallery());
        studiesButton.setOnAction(e -> showStudies());
        compareButton.setOnAction(e -> {
            if (compareView != null) {
                show(compareButton, compareView);
            }
        });
        studyButton.setOnAction(e -> {
            if (openStudy != null) {
                show(studyButton, openStudy.view());
            }
        });
        VBox left = new VBox(4, galleryButton, studiesButton, compareButton, studyButton);
        left.setPadding(new Insets(12, 8, 12, 8));
        left.getStyleClass().add("rail");
        setLeft(left);
        setTop(menus());
        showGallery();
        status.setId("status");
        baseStatus = backend + "   ·   Database: " + database.url();
        status.setText(baseStatus);
        HBox bar = new HBox(status);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        setBottom(bar);
        getStylesheets().add(MainWindow.class.getResource("studio.css").toExternalForm());
    }

    private ToggleButton railButton(String text, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(rail);
        b.setMaxWidth(Double.MAX_VALUE);
        return b;
    }

    private MenuBar menus() {
        MenuItem newStudy = item("New study…", "Shortcut+N", "menu-new", this::showGallery);
        MenuItem open = item("Open design…", "Shortcut+O", "menu-open", this::openDesign);
        MenuItem save = item("Save design…", "Shortcut+S", "menu-save", this::saveDesign);
        MenuItem exportChart = item("Export chart…", "Shortcut+E", "menu-export", this::exportShownChart);
        MenuItem exportCsv = item("Export study as CSV…", "Shortcut+Shift+E", "menu-export-csv", this::exportStudyCsv);
        MenuItem quit = item("Quit", "Shortcut+Q", "menu-quit", () -> getScene().getWindow().hide());
        Menu file = new Menu("File", null, newStudy, open, save, new SeparatorMenuItem(), exportChart, exportCsv,
                new SeparatorMenuItem(), quit);
        MenuItem run = item("Run design", "Shortcut+Enter", "menu-run", this::runDesign);
        MenuItem cancel = item("Cancel study", "Shortcut+Period", "menu-cancel", this::cancelStudy);
        Menu runMenu = new Menu("Run", null, run, cancel);
        Menu view = new Menu("View", null, item("Gallery", "Shortcut+1", "menu-gallery", this::showGallery),
                item("Studies", "Shortcut+2", "menu-studies", this::showStudies),
                item("Compare", "Shortcut+3", "menu-compare", () -> compareButton.fire()),
                item("Open study", "Shortcut+4", "menu-study", () -> studyButton.fire()));
        Menu help = new Menu("Help", null, item("Keyboard shortcuts", "F1", "menu-help", this::showShortcuts));
        file.setOnShowing(e -> {
            save.setDisable(designer == null);
            exportChart.setDisable(!(getCenter() instanceof StudyView || getCenter() instanceof CompareView));
            exportCsv.setDisable(openStudy == null);
        });
        runMenu.setOnShowing(e -> {
            run.setDisable(designer == null || getCenter() == null || !"designer".equals(getCenter().getId()));
            cancel.setDisable(openStudy == null || openStudy.handle() == null);
        });
        MenuBar bar = new MenuBar(file, runMenu, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, String accelerator, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    private void show(ToggleButton button, Node view) {
        rail.selectToggle(button);
        setCenter(view);
    }

    private void showGallery() {
        browserModel.reload();
        galleryView.showRecent(List.copyOf(browserModel.studies()), this::openStored);
        show(galleryButton, galleryView);
    }

    private void showStudies() {
        browserModel.reload();
        show(studiesButton, browserView);
    }

    private void showDesigner(DesignerViewModel model) {
        designer = model;
        show(galleryButton, new DesignerView(model, this::startStudy));
    }

    private List<String> storedArtifacts(String kind) {
        return database.artifacts().listByKind(kind).stream().map(org.sparsitystudio.persistence.Artifact::path)
                .filter(path -> java.nio.file.Files.isRegularFile(Path.of(path))).toList();
    }

    private void runDesign() {
        if (designer != null && designer.validProperty().get() && getCenter() != null
                && "designer".equals(getCenter().getId())) {
            startStudy(designer.toDesign());
        }
    }

    /** Stores the study, starts its runs on the executor and shows them with the live chart. */
    private void startStudy(Design design) {
        StudyStore.Stored stored = StudyStore.store(database, kinds, design);
        StudyChartViewModel chart = new StudyChartViewModel(stored.kind(),
                StudyChartViewModel.queued(stored.kind(), stored.runs()), (run, name) -> List.of(), Platform::runLater);
        RunsViewModel runs = new RunsViewModel(stored.runs(), Platform::runLater);
        StudyRecorder recorder = new StudyRecorder(database, stored.runIds());
        RunExecutor executor = new RunExecutor(1, RunListeners.of(recorder, runs, chart),
                spec -> Provenance.forRun(stored.kind(), spec));
        RunExecutor.StudyHandle handle = executor.submit(stored.kind(), stored.runs());
        Thread closer = new Thread(() -> {
            try {
                handle.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                recorder.close();
                executor.close();
                Platform.runLater(() -> say("study " + stored.study().id() + " ended"));
            }
        }, "study-" + stored.study().id());
        closer.setDaemon(true);
        closer.start();
        long id = stored.study().id();
        String name = stored.study().name();
        Map<Integer, Long> runIds = stored.runIds();
        StudyView view = new StudyView(name, runs, chart, handle::cancel, handle::cancel,
                () -> exportChart(id, chart.chart(), chart::exportPlot),
                index -> RunMatrices.load(database, runIds.get(index)));
        setOpenStudy(new OpenStudy(id, name, view, chart, handle));
        say("study " + id + " started: " + stored.runs().size() + " runs");
    }

    private void setOpenStudy(OpenStudy study) {
        if (openStudy != null && openStudy.handle() == null) {
            openStudy.chart().close();
        }
        openStudy = study;
        studyButton.setDisable(false);
        studyButton.setText("Study #" + study.id());
        show(studyButton, study.view());
    }

    /** Opens a stored study (read on a background thread): its runs, chart and logs as stored. */
    private void openStored(StudyItem item) {
        openStudy(item.id());
    }

    /** Opens the stored study with this id (read on a background thread), as a double-click in Studies does. */
    public void openStudy(long studyId) {
        if (openStudy != null && openStudy.id() == studyId) {
            show(studyButton, openStudy.view());
            return;
        }
        say("opening study " + studyId + "…");
        inBackground(() -> StoredStudy.load(database, studyId), stored -> {
            var kind = kinds.find(stored.study().kindId());
            if (kind.isEmpty()) {
                error("Cannot open study " + studyId, "This studio does not know the experiment kind \""
                        + stored.study().kindId() + "\".");
                return;
            }
            Map<Integer, Long> ids = new java.util.HashMap<>();
            Map<Integer, String> errors = new java.util.HashMap<>();
            for (RunRecord r : stored.runs()) {
                ids.put(r.runIndex(), r.id());
                if (r.error() != null) {
                    errors.put(r.runIndex(), r.error());
                }
            }
            RunsViewModel runs = RunsViewModel.stored(stored.runData(), errors,
                    index -> ids.containsKey(index) ? database.logs().lines(ids.get(index)) : List.of(),
                    Platform::runLater);
            StudyChartViewModel chart = new StudyChartViewModel(kind.get(), stored.runData(),
                    stored.metricSource(database), Platform::runLater);
            // a study submitted to Slurm is cancelled there: scancel its job
            Runnable cancel = stored.study().tags().stream().filter(t -> t.startsWith("slurm-job-")).findFirst()
                    .filter(t -> stored.runs().stream().anyMatch(r -> !r.status().isFinal()))
                    .<Runnable>map(t -> () -> scancel(t.substring("slurm-job-".length()))).orElse(null);
            StudyView view = new StudyView(stored.study().name(), runs, chart, cancel, null,
                    () -> exportChart(studyId, chart.chart(), chart::exportPlot),
                    index -> ids.containsKey(index) ? RunMatrices.load(database, ids.get(index))
                            : new RunMatrices(List.of(), List.of()));
            setOpenStudy(new OpenStudy(studyId, stored.study().name(), view, chart, null));
            say("study " + studyId + " opened: " + stored.runs().size() + " runs");
            followIfRunningElsewhere(studyId, stored, runs, chart);
        });
    }

    /**
     * A stored study whose runs are still queued or running belongs to another process (a
     * headless `run`, another studio): read it again every two seconds while it is on screen and
     * show what changed, until every run has ended.
     */
    private void followIfRunningElsewhere(long id, StoredStudy first, RunsViewModel runs, StudyChartViewModel chart) {
        if (first.runs().stream().allMatch(r -> r.status().isFinal())) {
            return;
        }
        java.util.concurrent.ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "follow-study-" + id);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            if (openStudy == null || openStudy.id() != id || openStudy.chart() != chart) {
                poller.shutdown();
                return;
            }
            try {
                StoredStudy now = StoredStudy.load(database, id);
                Map<Integer, String> errors = new java.util.HashMap<>();
                now.runs().stream().filter(r -> r.error() != null).forEach(r -> errors.put(r.runIndex(), r.error()));
                chart.refreshFromStore(now.runData());
                Platform.runLater(() -> runs.showStored(now.runData(), errors));
                if (now.runs().stream().allMatch(r -> r.status().isFinal())) {
                    poller.shutdown();
                }
            } catch (RuntimeException e) {
                poller.shutdown();
                Platform.runLater(() -> say("stopped following study " + id + ": " + e.getMessage()));
            }
        }, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void scancel(String job) {
        inBackground(() -> {
            Process p = new ProcessBuilder("scancel", job).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("scancel " + job + " failed: " + out.trim());
            }
            return job;
        }, j -> say("asked Slurm to cancel job " + j + "; its runs end as the tasks stop"));
    }

    private void compare(List<Long> ids) {
        say("comparing studies " + ids + "…");
        inBackground(() -> CompareViewModel.load(database, kinds, ids), model -> {
            compareView = new CompareView(model, view -> exportChart(ids.get(0),
                    view.shownChart(), () -> view.shown().plot()));
            compareButton.setDisable(false);
            show(compareButton, compareView);
            say("comparing " + ids.size() + " studies");
        });
    }

    private void exportShownChart() {
        if (getCenter() instanceof CompareView view) {
            exportChart(openStudy == null ? 0 : openStudy.id(), view.shownChart(), () -> view.shown().plot());
        } else if (getCenter() instanceof StudyView && openStudy != null) {
            exportChart(openStudy.id(), openStudy.chart().chart(), openStudy.chart()::exportPlot);
        }
    }

    private void exportChart(long studyId, org.sparsitystudio.experiments.spi.ChartSpec chart,
            Supplier<StudyPlot.Plot> plot) {
        String base = ChartExport.defaultFileName(studyId, chart.title(), ChartExport.Format.PNG).replaceAll("\\.png$", "");
        ExportDialog dialog = new ExportDialog(getScene().getWindow(), preferences.lastFolder(), base);
        dialog.showAndWait().ifPresent(choice -> {
            preferences.rememberFolder(choice.file());
            StudyPlot.Plot snapshot = plot.get();
            inBackground(() -> {
                ChartExport.write(snapshot, chart, choice.request(), choice.file());
                return choice.file();
            }, file -> say("exported " + file.toAbsolutePath()));
        });
    }

    private void exportStudyCsv() {
        if (openStudy == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialDirectory(preferences.lastFolder().toFile());
        chooser.setInitialFileName("study-" + openStudy.id() + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            preferences.rememberFolder(file.toPath());
            long id = openStudy.id();
            inBackground(() -> {
                StoredStudy stored = StoredStudy.load(database, id);
                Path results = file.toPath();
                String name = results.getFileName().toString().replaceAll("\\.csv$", "");
                Path metrics = results.resolveSibling(name + "-metrics.csv");
                StudyCsv.results(stored, results);
                StudyCsv.metrics(database, stored, metrics);
                return results;
            }, path -> say("exported " + path + " and its -metrics.csv"));
        }
    }

    private void openDesign() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialDirectory(preferences.lastFolder().toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Design (JSON)", "*.json"));
        java.io.File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            openDesign(file.toPath());
        }
    }

    /** Loads a design file into the designer; a clear message when it is not a valid design. */
    public void openDesign(Path file) {
        preferences.rememberFolder(file);
        try {
            Design design = new DesignJson(kinds).read(file);
            DesignerViewModel model = new DesignerViewModel(kinds.get(design.kind()), this::storedArtifacts);
            model.load(design);
            showDesigner(model);
            say("opened " + file);
        } catch (IOException | IllegalArgumentException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
        }
    }

    private void saveDesign() {
        if (designer == null) {
            return;
        }
        if (!designer.validProperty().get()) {
            error("The design has invalid values", "Fix the fields marked in red, then save.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialDirectory(preferences.lastFolder().toFile());
        String name = designer.nameProperty().get() == null || designer.nameProperty().get().isBlank()
                ? designer.kind().id() : designer.nameProperty().get();
        chooser.setInitialFileName(name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Design (JSON)", "*.json"));
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            saveDesign(file.toPath());
        }
    }

    /** Writes the designer's design to {@code file} as JSON. */
    public void saveDesign(Path file) {
        preferences.rememberFolder(file);
        try {
            new DesignJson(kinds).write(designer.toDesign(), file);
            say("saved " + file);
        } catch (IOException | IllegalArgumentException e) {
            error("Cannot save " + file.getFileName(), e.getMessage());
        }
    }

    private void cancelStudy() {
        if (openStudy == null || openStudy.handle() == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Cancel every run of study " + openStudy.id()
                + " that has not ended? Finished runs are kept.", ButtonType.YES, ButtonType.NO);
        confirm.initOwner(getScene().getWindow());
        confirm.setHeaderText("Cancel the study?");
        confirm.showAndWait().filter(b -> b == ButtonType.YES).ifPresent(b -> openStudy.handle().cancel());
    }

    private void showShortcuts() {
        Alert help = new Alert(Alert.AlertType.INFORMATION);
        help.initOwner(getScene().getWindow());
        help.setTitle("Keyboard shortcuts");
        help.setHeaderText("Sparsity Studio");
        help.setContentText("""
                Ctrl+N      New study (gallery)
                Ctrl+O      Open a design (JSON)
                Ctrl+S      Save the design
                Ctrl+Enter  Run the design
                Ctrl+.      Cancel the running study
                Ctrl+E      Export the chart shown (PNG, SVG, PDF, CSV)
                Ctrl+Shift+E  Export the study as CSV
                Ctrl+1…4    Gallery, Studies, Compare, Open study
                F1          This help""");
        help.showAndWait();
    }

    @FunctionalInterface
    private interface Work<T> {
        T call() throws Exception;
    }

    /** Runs {@code work} off the FX thread; its result (or a clear error) comes back on it. */
    private <T> void inBackground(Work<T> work, java.util.function.Consumer<T> then) {
        background.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> then.accept(result));
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Platform.runLater(() -> error("That did not work", message));
            }
        });
    }

    private void error(String header, String message) {
        say(header + ": " + message);
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setHeaderText(header);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.show();
    }

    private void say(String message) {
        status.setText(baseStatus + "   ·   " + message);
    }

    public Label status() {
        return status;
    }
}
