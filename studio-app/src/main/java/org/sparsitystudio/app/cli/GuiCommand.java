package org.sparsitystudio.app.cli;

import java.util.concurrent.Callable;
import javafx.application.Application;
import org.sparsitystudio.app.gui.StudioApp;
import picocli.CommandLine.Command;

/** Opens the desktop studio. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop studio.")
final class GuiCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Application.launch(StudioApp.class);
        return 0;
    }
}
