package org.sparsitystudio.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.h2.tools.Server;

/**
 * One studio database file served over TCP by H2 (server mode), so that studios and headless runs
 * on other machines use it at the same time. The user {@code sa} gets a password: the one in the
 * password file if that exists, else a new random one written there readable only by this user.
 * The server serves this one database and nothing else (H2's {@code -key}), and creates none.
 * This process keeps the database open in automatic mixed mode, so local processes may go on
 * opening the file by path. Close to stop.
 */
public final class DatabaseServer implements AutoCloseable {

    /** H2's usual TCP port. */
    public static final int DEFAULT_PORT = 9092;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String H2_SUFFIX = ".mv.db";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path databaseFile;
    private final Path passwordFile;
    private final boolean newPassword;
    private final Database database;
    private final Server server;
    private final String url;

    private DatabaseServer(Path databaseFile, Path passwordFile, boolean newPassword, Database database, Server server,
            String url) {
        this.databaseFile = databaseFile;
        this.passwordFile = passwordFile;
        this.newPassword = newPassword;
        this.database = database;
        this.server = server;
        this.url = url;
    }

    /**
     * Protects, migrates and serves a database file.
     *
     * @param file         the H2 database, with or without {@code .mv.db}; created if missing
     * @param port         the TCP port, 0 for any free one
     * @param passwordFile where the password is (or goes); null for the file beside the database
     * @param allowOthers  whether other machines may connect (else only this one)
     * @param host         the host name clients use, for {@link #url()}
     * @return the running server
     * @throws PersistenceException when another process has the file open, the database has a
     *                              password that is not the file's, or the port is taken
     */
    public static DatabaseServer start(Path file, int port, Path passwordFile, boolean allowOthers, String host) {
        Path base = withoutSuffix(file.toAbsolutePath().normalize());
        Path passwords = passwordFile != null ? passwordFile.toAbsolutePath() : DatabasePassword.fileFor(base);
        boolean created = !Files.exists(passwords);
        String password = created ? writeNewPassword(passwords) : readPassword(passwords);
        try {
            protect(base, password, passwords);
        } catch (RuntimeException e) {
            if (created) {
                deleteQuietly(passwords);
            }
            throw e;
        }
        Database database = Database.open(Database.urlFor(base), "sa", password, Clock.systemUTC());
        Server server;
        try {
            database.migrate();
            List<String> args = new ArrayList<>(List.of("-tcpPort", Integer.toString(port), "-ifExists",
                    "-key", base.toString(), base.toString(), "-tcpPassword", generatePassword()));
            if (allowOthers) {
                args.add("-tcpAllowOthers");
            }
            server = Server.createTcpServer(args.toArray(String[]::new)).start();
        } catch (SQLException e) {
            database.close();
            throw new PersistenceException("Cannot start the database server on port " + port + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        String url = "jdbc:h2:tcp://" + host + ":" + server.getPort() + "/" + base;
        return new DatabaseServer(base.resolveSibling(base.getFileName() + H2_SUFFIX), passwords, created, database, server,
                url);
    }

    /** The JDBC URL clients open. */
    public String url() {
        return url;
    }

    /** The database file served. */
    public Path databaseFile() {
        return databaseFile;
    }

    /** The file that holds the password. */
    public Path passwordFile() {
        return passwordFile;
    }

    /** Whether this start generated the password (else it came from an existing file). */
    public boolean generatedPassword() {
        return newPassword;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** Stops the server and closes this process's use of the database. */
    @Override
    public void close() {
        server.stop();
        database.close();
    }

    /** A new random password: 32 bytes from {@link SecureRandom}, URL-safe Base64 (43 characters). */
    public static String generatePassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Gives the database's user {@code sa} the password; creates the database if missing. */
    private static void protect(Path base, String password, Path passwordFile) {
        // opened without AUTO_SERVER: fails where another process has the file, which the server could not serve
        String plain = "jdbc:h2:file:" + base;
        for (String tried : new String[] {password, ""}) {
            try (Connection connection = DriverManager.getConnection(plain, "sa", tried);
                 Statement statement = connection.createStatement()) {
                if (!tried.equals(password)) {
                    // the password is URL-safe Base64: nothing to escape
                    statement.execute("ALTER USER SA SET PASSWORD '" + password + "'");
                }
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw new PersistenceException(base + H2_SUFFIX + " is open in another process (a studio window "
                            + "or a run): close it, then start the server", e);
                }
                if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                    throw new PersistenceException("Cannot open " + base + H2_SUFFIX + ": "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        }
        throw new PersistenceException(base + H2_SUFFIX + " has a password that is not the one in " + passwordFile
                + ": name the right password file");
    }

    private static String writeNewPassword(Path file) {
        String password = generatePassword();
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
                ownerOnly(file);
            }
            Files.writeString(file, password + System.lineSeparator());
            return password;
        } catch (IOException e) {
            throw new PersistenceException("Cannot write the password file " + file, e);
        }
    }

    private static String readPassword(Path file) {
        try {
            // an existing file readable by others is made private before its password is used
            if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new PersistenceException("Cannot make the password file " + file + " private", e);
        }
        String password = DatabasePassword.read(file);
        if (password.isEmpty()) {
            throw new PersistenceException("The password file " + file + " is empty: delete it for a new password");
        }
        return password;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next start finds the file and says so
        }
    }

    private static boolean posix(Path file) throws IOException {
        Path existing = file.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static void ownerOnly(Path file) {
        var f = file.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!ok) {
            throw new PersistenceException("Cannot make the password file " + file + " private");
        }
    }

    private static Path withoutSuffix(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(H2_SUFFIX) ? file.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length())) : file;
    }
}
