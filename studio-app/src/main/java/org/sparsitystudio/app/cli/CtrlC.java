package org.sparsitystudio.app.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Catches Ctrl-C (SIGINT) before the JVM starts shutting down, so a command can cancel its work
 * and still write the outcome: a shutdown hook would race H2's own hook, which closes the
 * database. {@code sun.misc.Signal} is the JDK's supported-but-unofficial way to do this.
 */
final class CtrlC implements AutoCloseable {

    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private CtrlC(Runnable action) {
        previous = Signal.handle(INT, signal -> action.run());
    }

    /** Runs {@code action} on Ctrl-C until closed. */
    static CtrlC onInterrupt(Runnable action) {
        return new CtrlC(action);
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
