package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process as a user would type it, capturing what it prints. */
final class Cli {

    /** Exit code and what went to standard output and standard error. */
    record Outcome(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Outcome run(String... args) {
        CommandLine cli = StudioCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Outcome(cli.execute(args), out.toString(), err.toString());
    }
}
