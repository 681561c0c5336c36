package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code db-server} as typed: serves a file, prints the URL, and the other commands use that URL. */
class DbServerCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesTheDatabaseUntilStoppedAndOtherCommandsConnectByTheUrlItPrints() throws Exception {
        CommandLine cli = StudioCommand.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        DbServerCommand command = cli.getSubcommands().get("db-server").getCommand();
        Path file = dir.resolve("studio");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("db-server", "--db", file.toString(), "--port", "0", "--local-only"));
        try {
            assertTrue(command.awaitStarted(Duration.ofSeconds(60)), "the server did not start: " + out);
            Matcher url = Pattern.compile("JDBC URL: +(jdbc:h2:tcp://localhost:\\d+/\\S+)").matcher(out.toString());
            assertTrue(url.find(), out.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("studio.password"))));
            assertTrue(out.toString().contains("in " + dir.resolve("studio.password") + " (new, readable only by you"),
                    out.toString());

            Cli.Outcome studies = Cli.run("studies", "--db", url.group(1));
            assertEquals(0, studies.exit(), studies.err());
            Cli.Outcome wrong = Cli.run("studies", "--db", url.group(1).replace(dir.toString(), dir + "x"));
            assertEquals(FriendlyErrors.EXIT_ERROR, wrong.exit(), "only the served database: " + wrong.out());
        } finally {
            command.stop();
        }
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
        assertTrue(out.toString().contains("Database server stopped."), out.toString());
    }
}
