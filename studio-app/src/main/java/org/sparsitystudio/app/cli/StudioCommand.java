package org.sparsitystudio.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the command line: {@code sparsity-studio <command>}. */
@Command(name = "sparsity-studio", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Sparsity Studio: experiments on sparse and structured neural networks.",
        subcommands = {TrainCommand.class, GuiCommand.class, BenchCommand.class, KindsCommand.class, DesignCommand.class, RunCommand.class,
            StudiesCommand.class, RunsCommand.class, ShowCommand.class, ExportCommand.class, ChartCommand.class, DiffCommand.class,
            ReplayCommand.class, SubmitCommand.class, RunStoredCommand.class, DbServerCommand.class, MatrixCommand.class,
            CommandLine.HelpCommand.class})
public final class StudioCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // no sub-command: the studio's window; where no window can open, say so and do the
        // headless main job instead (train the reference MLP) rather than fail with a stack trace
        if (Display.available()) {
            System.exit(new CommandLine(new GuiCommand()).execute());
        }
        spec.commandLine().getErr().println("No display here (DISPLAY is not set), so the studio window cannot open. "
                + "Running the headless default instead: 'sparsity-studio train'. "
                + "See 'sparsity-studio help' for run, studies, chart and export.");
        spec.commandLine().getErr().flush();
        System.exit(new CommandLine(new TrainCommand()).execute());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StudioCommand());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        return cli;
    }
}
