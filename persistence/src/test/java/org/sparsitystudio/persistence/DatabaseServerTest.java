package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real H2 TCP server on a free port, and clients that connect to it by URL. */
class DatabaseServerTest {

    @TempDir
    Path dir;

    @Test
    void generatesAPasswordOnlyTheUserCanReadAndClientsUseTheDatabaseByUrl() throws IOException {
        try (DatabaseServer server = DatabaseServer.start(dir.resolve("studio"), 0, null, false, "localhost")) {
            assertTrue(server.generatedPassword());
            assertEquals(dir.resolve("studio.password"), server.passwordFile());
            assertEquals(dir.resolve("studio.mv.db"), server.databaseFile());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.passwordFile())));
            String password = DatabasePassword.read(server.passwordFile());
            assertTrue(password.matches("[A-Za-z0-9_-]{43}"), "32 random bytes, URL-safe: " + password.length());
            assertEquals("jdbc:h2:tcp://localhost:" + server.port() + "/" + dir.resolve("studio"), server.url());

            // a client with the password: migrated by the server already, stores a study
            try (Database client = Database.open(server.url(), "sa", password, Clock.systemUTC())) {
                assertEquals(0, client.migrate());
                client.studies().create(TestData.study("shared", 2));
            }
            // another client, finding the password beside the database (same machine or shared file system)
            try (Database client = Database.open(server.url())) {
                List<Study> studies = client.studies().list();
                assertEquals(1, studies.size());
                assertEquals("shared", studies.get(0).name());
                assertEquals(2, client.runs().listByStudy(studies.get(0).id()).size());
            }
            // and a local process that opens the file by path sees the same database
            try (Database local = Database.open(dir.resolve("studio"))) {
                assertEquals("shared", local.studies().list().get(0).name());
            }
        }
    }

    @Test
    void refusesAWrongOrNoPasswordAndEveryOtherDatabase() throws IOException {
        try (DatabaseServer server = DatabaseServer.start(dir.resolve("studio"), 0, null, false, "localhost")) {
            assertRefused(() -> Database.open(server.url(), "sa", "wrong", Clock.systemUTC()));
            PersistenceException wrong = assertThrows(PersistenceException.class,
                    () -> Database.open(server.url(), "sa", "wrong", Clock.systemUTC()));
            assertTrue(wrong.getMessage().contains("the server refused the password"), wrong.getMessage());
            assertRefused(() -> Database.open(server.url(), "sa", "", Clock.systemUTC()));
            Path other = dir.resolve("other");
            try (Database unprotected = Database.open(other)) {
                unprotected.migrate();
            }
            String password = DatabasePassword.read(server.passwordFile());
            assertRefused(() -> Database.open("jdbc:h2:tcp://localhost:" + server.port() + "/" + other, "sa", "",
                    Clock.systemUTC()));
            assertRefused(() -> Database.open("jdbc:h2:tcp://localhost:" + server.port() + "/" + other, "sa", password,
                    Clock.systemUTC()));
        }
    }

    @Test
    void protectsAnExistingDatabaseAndKeepsItsPasswordAcrossRestarts() throws IOException {
        Path file = dir.resolve("studio");
        try (Database before = Database.open(file)) {
            before.migrate();
            before.studies().create(TestData.study("before", 1));
        }
        String first;
        try (DatabaseServer server = DatabaseServer.start(file, 0, null, false, "localhost")) {
            first = DatabasePassword.read(server.passwordFile());
        }
        assertRefused(() -> Database.open(Database.urlFor(file), "sa", "", Clock.systemUTC()));
        try (DatabaseServer again = DatabaseServer.start(file, 0, null, false, "localhost")) {
            assertFalse(again.generatedPassword());
            assertEquals(first, DatabasePassword.read(again.passwordFile()));
            try (Database client = Database.open(again.url())) {
                assertEquals("before", client.studies().list().get(0).name());
            }
        }
    }

    @Test
    void aPasswordFileElsewhereIsCreatedPrivateAndAWrongOneIsAnError() throws IOException {
        Path secret = dir.resolve("secrets").resolve("db-server.password");
        try (DatabaseServer server = DatabaseServer.start(dir.resolve("studio"), 0, secret, false, "localhost")) {
            assertEquals(secret, server.passwordFile());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertFalse(Files.exists(dir.resolve("studio.password")));
            assertRefused(() -> Database.open(server.url()));
            try (Database client = Database.open(server.url(), "sa", DatabasePassword.read(secret), Clock.systemUTC())) {
                assertEquals(0, client.migrate());
            }
        }
        Path wrong = Files.writeString(dir.resolve("wrong.password"), "not-it\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-r--r--"));
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> DatabaseServer.start(dir.resolve("studio"), 0, wrong, false, "localhost"));
        assertTrue(e.getMessage().contains("has a password that is not the one in " + wrong), e.getMessage());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wrong)),
                "a password file others could read is made private before use");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable open) {
        PersistenceException e = assertThrows(PersistenceException.class, open);
        Throwable cause = e.getCause();
        assertInstanceOf(SQLException.class, cause, e.toString());
        int code = ((SQLException) cause).getErrorCode();
        assertTrue(code == ErrorCode.WRONG_USER_OR_PASSWORD || code == ErrorCode.REMOTE_CONNECTION_NOT_ALLOWED,
                "refused, not another failure: " + cause);
    }
}
