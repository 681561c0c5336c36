package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFileDatabaseOnceAndCreatesEveryTable() throws SQLException {
        try (Database database = Database.open(dir.resolve("data").resolve("studio"))) {
            assertEquals(2, database.migrate(), "V1 schema and V2 run logs");
            assertEquals(0, database.migrate(), "a second migrate has nothing to do");
            Set<String> tables = new HashSet<>();
            try (Connection connection = database.connection();
                 ResultSet rows = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertTrue(tables.containsAll(Set.of("studies", "runs", "metrics", "results", "provenance", "artifacts", "run_logs")),
                    tables.toString());
        }
        assertTrue(Files.exists(dir.resolve("data").resolve("studio.mv.db")), "a real file database");
    }

    @Test
    void reopensTheSameFileByPathWithOrWithoutSuffixAndByUrl() {
        try (Database database = TestData.migrated(dir)) {
            database.studies().create(TestData.study("kept", 1));
        }
        try (Database database = Database.open(dir.resolve("studio.mv.db").toString())) {
            assertEquals(1, database.studies().list().size());
        }
        try (Database database = Database.open(Database.urlFor(dir.resolve("studio")))) {
            assertEquals(0, database.migrate());
            assertEquals("kept", database.studies().list().get(0).name());
        }
    }

    @Test
    void fileUrlsShareTheDatabaseWithOtherProcessesAndWriteCommitsAtOnce() {
        String url = Database.urlFor(dir.resolve("studio.mv.db"));
        assertTrue(url.startsWith("jdbc:h2:file:" + dir.toAbsolutePath()), url);
        assertTrue(url.contains(";AUTO_SERVER=TRUE"), url);
        assertTrue(url.contains(";WRITE_DELAY=0"), url);
        assertTrue(!url.contains(".mv.db"), url);
    }

    @Test
    void defaultLocationFollowsPropertyThenXdgThenHome() {
        Properties linux = new Properties();
        linux.setProperty("os.name", "Linux");
        linux.setProperty("user.home", "/home/ada");
        assertEquals(Path.of("/home/ada/.local/share/sparsity-studio/studio").toString(),
                DatabaseLocation.resolve(linux, Map.of()));
        assertEquals(Path.of("/xdg/data/sparsity-studio/studio").toString(),
                DatabaseLocation.resolve(linux, Map.of("XDG_DATA_HOME", "/xdg/data")));
        assertEquals(Path.of("/home/ada/.local/share/sparsity-studio/studio").toString(),
                DatabaseLocation.resolve(linux, Map.of("XDG_DATA_HOME", "relative/ignored")),
                "the XDG spec says to ignore a relative path");
        linux.setProperty(DatabaseLocation.PROPERTY, "jdbc:h2:tcp://server/studio");
        assertEquals("jdbc:h2:tcp://server/studio", DatabaseLocation.resolve(linux, Map.of("XDG_DATA_HOME", "/x")));
    }

    @Test
    void defaultLocationReadsTheSystemProperty() {
        String old = System.getProperty(DatabaseLocation.PROPERTY);
        try {
            System.setProperty(DatabaseLocation.PROPERTY, dir.resolve("custom").toString());
            assertEquals(dir.resolve("custom").toString(), Database.defaultLocation());
            try (Database database = Database.openDefault()) {
                assertEquals(2, database.migrate());
            }
            assertTrue(Files.exists(dir.resolve("custom.mv.db")));
        } finally {
            if (old == null) {
                System.clearProperty(DatabaseLocation.PROPERTY);
            } else {
                System.setProperty(DatabaseLocation.PROPERTY, old);
            }
        }
    }
}
