package org.sparsitystudio.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception into one line that says what went wrong; the stack trace only with
 * {@code SPARSITY_STUDIO_DEBUG=1}.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {

    static final int EXIT_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cli.getErr().println(cli.getColorScheme().errorText("error: " + message));
        if ("1".equals(System.getenv("SPARSITY_STUDIO_DEBUG"))) {
            ex.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("(set SPARSITY_STUDIO_DEBUG=1 for the details)");
        }
        return EXIT_ERROR;
    }
}
