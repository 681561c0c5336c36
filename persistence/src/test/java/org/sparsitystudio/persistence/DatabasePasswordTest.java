package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasePasswordTest {

    @TempDir
    Path dir;

    @Test
    void thePasswordFileLiesBesideTheDatabase() {
        assertEquals(dir.resolve("studio.password"), DatabasePassword.fileFor(dir.resolve("studio.mv.db")));
        assertEquals(dir.resolve("studio.password"), DatabasePassword.fileFor(dir.resolve("studio")));
    }

    @Test
    void filesAndServerUrlsNameTheirDatabaseFile() {
        Path file = Path.of("/data/studies/studio");
        assertEquals(Optional.of(file), DatabasePassword.databaseFile("jdbc:h2:file:/data/studies/studio;AUTO_SERVER=TRUE"));
        assertEquals(Optional.of(file), DatabasePassword.databaseFile("jdbc:h2:/data/studies/studio"));
        assertEquals(Optional.of(file), DatabasePassword.databaseFile("jdbc:h2:tcp://head:9092//data/studies/studio"));
        assertEquals(Optional.of(file), DatabasePassword.databaseFile("jdbc:h2:ssl://head//data/studies/studio;TRACE_LEVEL_FILE=0"));
        assertEquals(Optional.empty(), DatabasePassword.databaseFile("jdbc:h2:mem:test"));
        assertEquals(Optional.empty(), DatabasePassword.databaseFile("jdbc:h2:tcp://head:9092/~/studio"));
        assertEquals(Optional.empty(), DatabasePassword.databaseFile("jdbc:h2:tcp://head:9092"));
        assertEquals(Optional.empty(), DatabasePassword.databaseFile("jdbc:postgresql://head/studio"));
    }

    @Test
    void aNamedFileWinsThenTheFileBesideTheDatabaseThenNone() throws IOException {
        String url = Database.urlFor(dir.resolve("studio"));
        Properties none = new Properties();
        assertEquals("", DatabasePassword.forUrl(url, none, Map.of()), "no file: H2's default, no password");

        Files.writeString(dir.resolve("studio.password"), "beside\n");
        assertEquals("beside", DatabasePassword.forUrl(url, none, Map.of()));
        assertEquals("beside", DatabasePassword.forUrl("jdbc:h2:tcp://head:9092/" + dir.resolve("studio"), none, Map.of()),
                "a server URL whose path this machine sees");

        Path named = Files.writeString(dir.resolve("elsewhere"), "  named  ");
        assertEquals("named", DatabasePassword.forUrl(url, none, Map.of(DatabasePassword.ENV, named.toString())));
        Properties property = new Properties();
        property.setProperty(DatabasePassword.PROPERTY, named.toString());
        assertEquals("named", DatabasePassword.forUrl("jdbc:h2:mem:x", property, Map.of(DatabasePassword.ENV, "/missing")),
                "the property wins over the environment");

        assertThrows(PersistenceException.class,
                () -> DatabasePassword.forUrl(url, none, Map.of(DatabasePassword.ENV, dir.resolve("missing").toString())),
                "a named file that is not there is an error, not a silent empty password");
    }

    @Test
    void aProtectedDatabaseOpensByPathWithThePasswordBesideIt() throws SQLException, IOException {
        Path file = dir.resolve("studio");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file, "sa", "")) {
            connection.createStatement().execute("ALTER USER SA SET PASSWORD 'k3y'");
        }
        assertThrows(PersistenceException.class, () -> Database.open(file).close(), "no password: refused");
        Files.writeString(DatabasePassword.fileFor(file), "k3y\n");
        try (Database database = Database.open(file)) {
            database.migrate();
            database.studies().create(TestData.study("protected", 1));
        }
        try (Database database = Database.open(file.toString() + ".mv.db")) {
            assertEquals("protected", database.studies().list().get(0).name());
        }
    }
}
