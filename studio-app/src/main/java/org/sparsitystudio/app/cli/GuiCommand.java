package org.sparsitystudio.app.cli;

import java.util.concurrent.Callable;
import javafx.application.Application;
import org.sparsitystudio.app.gui.StudioApp;
import picocli.CommandLine.Command;

/** Opens the desktop studio. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop studio.")
final class GuiCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = "--study", paramLabel = "ID", description = "Open this stored study at start.")
    private Long study;

    @Override
    public Integer call() {
        if (!Display.available()) {
            throw new IllegalStateException("no display here (DISPLAY is not set): the studio window needs a desktop "
                    + "session, or run it under Xvfb (xvfb-run -a sparsity-studio gui); headless work: 'run', 'train'");
        }
        if (study != null) {
            Application.launch(StudioApp.class, "--study=" + study);
        } else {
            Application.launch(StudioApp.class);
        }
        return 0;
    }
}
