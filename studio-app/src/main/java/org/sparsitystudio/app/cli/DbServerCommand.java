package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.DatabaseLocation;
import org.sparsitystudio.persistence.DatabasePassword;
import org.sparsitystudio.persistence.DatabaseServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shares one database: serves the file over TCP (H2 server mode) with a password until Ctrl-C, and
 * prints the JDBC URL that studios and headless runs elsewhere open with {@code --db} (or the
 * {@code sparsitystudio.db} setting). There is no default password: a new one is generated and
 * written to a file readable only by this user, by default beside the database, where clients on
 * this machine or on a shared file system find it by themselves.
 */
@Command(name = "db-server", mixinStandardHelpOptions = true,
        description = "Share a database: serve it over TCP (H2 server mode) with a password, until Ctrl-C.")
final class DbServerCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", paramLabel = "PATH",
            description = "The H2 database file to serve (default: the studio's database, as the studio finds it).")
    private Path db;

    @Option(names = "--port", defaultValue = "" + DatabaseServer.DEFAULT_PORT,
            description = "The TCP port (default: ${DEFAULT-VALUE}; 0: any free one).")
    private int port;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The password's file (default: beside the database, NAME.password). Used if it exists; "
                    + "else a new random password is written there, readable only by you.")
    private Path passwordFile;

    @Option(names = "--host", description = "The host name clients use, for the printed URL (default: this machine's name).")
    private String host;

    @Option(names = "--local-only", description = "Accept connections from this machine only.")
    private boolean localOnly;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = db != null ? db : defaultFile();
        String clientHost = host != null ? host : localOnly ? "localhost" : hostName();
        try (DatabaseServer server = DatabaseServer.start(file, port, passwordFile, !localOnly, clientHost);
             CtrlC ctrlC = CtrlC.onInterrupt(stop::countDown)) {
            out.println("Serving " + server.databaseFile() + (localOnly ? " to this machine" : "") + " on port "
                    + server.port());
            out.println("JDBC URL:  " + server.url());
            out.println("password:  in " + server.passwordFile() + " ("
                    + (server.generatedPassword() ? "new, " : "") + "readable only by you; user sa)");
            boolean beside = server.passwordFile().equals(DatabasePassword.fileFor(server.databaseFile()));
            if (beside) {
                out.println("Clients on this machine, or where this file system is shared, find the password by themselves:");
            } else {
                out.println("Clients read the password from the file " + DatabasePassword.ENV + " names:");
                out.println("  export " + DatabasePassword.ENV + "=" + server.passwordFile());
            }
            out.println("  sparsity-studio run DESIGN.json --db " + server.url());
            out.println("  JAVA_TOOL_OPTIONS=-D" + DatabaseLocation.PROPERTY + "=" + server.url() + " sparsity-studio gui");
            out.println("Elsewhere, copy the password file (keep it private) and set " + DatabasePassword.ENV + " to the copy.");
            out.println("Ctrl-C stops the server.");
            out.flush();
            started.countDown();
            stop.await();
        }
        out.println("Database server stopped.");
        out.flush();
        return 0;
    }

    /** Stops a running server as Ctrl-C does; for tests. */
    void stop() {
        stop.countDown();
    }

    /** Waits until the server is up and its URL printed; for tests. */
    boolean awaitStarted(java.time.Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static Path defaultFile() {
        String location = Database.defaultLocation();
        if (location.startsWith("jdbc:h2:file:")) {
            String path = location.substring("jdbc:h2:file:".length());
            int settings = path.indexOf(';');
            return Path.of(settings >= 0 ? path.substring(0, settings) : path);
        }
        if (location.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the studio's database is " + location + " (the " + DatabaseLocation.PROPERTY
                    + " setting), not a file: name the file to serve with --db");
        }
        return Path.of(location);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
