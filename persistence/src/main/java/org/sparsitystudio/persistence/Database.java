package org.sparsitystudio.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The studio's database: opened by JDBC URL or file path, migrated by Flyway, and the source of
 * the repositories. A file path becomes an H2 file database in automatic mixed mode
 * ({@code AUTO_SERVER=TRUE}), so a second process (the command line, a cluster job) can use the
 * same file at the same time; commits reach the file at once ({@code WRITE_DELAY=0}), so a killed
 * process loses nothing it reported committed.
 *
 * <p>Thread-safe: each operation borrows a pooled connection. Close it when done.
 */
public final class Database implements AutoCloseable {

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String H2_SUFFIX = ".mv.db";

    private final String url;
    private final String user;
    private final String password;
    private final JdbcConnectionPool pool;
    private final Clock clock;
    private final ProcessOwner owner;

    private Database(String url, String user, String password, Clock clock, ProcessOwner owner) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.clock = clock;
        this.owner = owner;
        this.pool = url.startsWith(H2_PREFIX) ? JdbcConnectionPool.create(url, user, password) : null;
        if (pool != null) {
            pool.setMaxConnections(32);
        }
    }

    /**
     * Opens a database named by a JDBC URL (anything starting with {@code jdbc:}) or by a file
     * path (an H2 file, with or without its {@code .mv.db} suffix; folders are created).
     * An H2 URL connects as user {@code sa} with the password {@link DatabasePassword} finds (none,
     * unless a database server protects it); any other URL (PostgreSQL:
     * {@code jdbc:postgresql://host:5432/db?user=u&password=p}) carries its own credentials.
     * Does not migrate: call {@link #migrate()}.
     */
    public static Database open(String urlOrPath) {
        Objects.requireNonNull(urlOrPath, "urlOrPath");
        if (urlOrPath.startsWith(H2_PREFIX)) {
            return open(urlOrPath, "sa", DatabasePassword.forUrl(urlOrPath), Clock.systemUTC());
        }
        if (urlOrPath.startsWith("jdbc:")) {
            return open(urlOrPath, null, null, Clock.systemUTC());
        }
        return open(Path.of(urlOrPath));
    }

    /** Opens (creating if needed) an H2 file database at {@code file}; see {@link #urlFor(Path)}. */
    public static Database open(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new PersistenceException("Cannot create the database folder " + parent, e);
        }
        String url = urlFor(file);
        return open(url, "sa", DatabasePassword.forUrl(url), Clock.systemUTC());
    }

    /**
     * Opens a database by URL with credentials and a clock for its time stamps.
     *
     * @param url      a JDBC URL
     * @param user     the user name (H2's default is {@code sa}), or {@code null} when the URL
     *                 carries the credentials
     * @param password the password, or {@code null} with a null user
     * @param clock    the clock that stamps creation, start and end times and metric wall times
     */
    public static Database open(String url, String user, String password, Clock clock) {
        Database database = new Database(url, user, password, clock, ProcessOwner.current());
        database.check();
        return database;
    }

    /** Opens the database at {@link #defaultLocation()}. */
    public static Database openDefault() {
        return open(defaultLocation());
    }

    /**
     * Where the database lives when nobody says: the system property
     * {@value DatabaseLocation#PROPERTY}, else {@code studio} in the user's data directory.
     *
     * @return a JDBC URL or a file path
     */
    public static String defaultLocation() {
        return DatabaseLocation.resolve();
    }

    /** The H2 URL for a database file: automatic mixed mode, commits written at once. */
    public static String urlFor(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        if (path.endsWith(H2_SUFFIX)) {
            path = path.substring(0, path.length() - H2_SUFFIX.length());
        }
        return H2_PREFIX + "file:" + path + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /**
     * The JDBC URL with its credentials, for handing to worker processes that connect to the same
     * database (Slurm tasks); never for showing.
     */
    public String connectionUrl() {
        return url;
    }

    /** The JDBC URL this database was opened with, its password masked. */
    public String url() {
        // shown in status bars, logs and messages: never the password
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The identity this process stores in the runs it starts. */
    public ProcessOwner owner() {
        return owner;
    }

    /** The clock that stamps times. */
    Clock clock() {
        return clock;
    }

    /**
     * Applies the pending Flyway migrations (all of them on an empty database).
     *
     * @return how many migrations ran
     */
    public int migrate() {
        var configuration = Flyway.configure(Database.class.getClassLoader())
                .locations("classpath:db/migration");
        configuration = pool != null ? configuration.dataSource(pool) : configuration.dataSource(url, user, password);
        try {
            return configuration.load().migrate().migrationsExecuted;
        } catch (RuntimeException e) {
            throw new PersistenceException("Could not migrate " + url, e);
        }
    }

    /**
     * Crash recovery, for start-up: every run left {@code RUNNING} by a process that is dead
     * becomes {@code INTERRUPTED}. Runs of live processes (this one, another on this host, or any
     * on another host, which cannot be checked) are left alone.
     *
     * @return the runs that were marked interrupted
     */
    public List<RunRecord> recoverInterrupted() {
        return new Recovery(this).run();
    }

    /** Studies and their creation with queued runs. */
    public StudyRepository studies() {
        return new StudyRepository(this);
    }

    /** Runs: status, results, provenance. */
    public RunRepository runs() {
        return new RunRepository(this);
    }

    /** Reading stored metrics. */
    public MetricRepository metrics() {
        return new MetricRepository(this);
    }

    /** The log lines of runs. */
    public RunLogRepository logs() {
        return new RunLogRepository(this);
    }

    /** Records of the files a run produced. */
    public ArtifactStore artifacts() {
        return new ArtifactStore(this);
    }

    /** A new batching metric writer with its own connection and flusher thread; close it when done. */
    public MetricWriter newMetricWriter() {
        return new MetricWriter(this, MetricWriter.DEFAULT_INTERVAL, MetricWriter.DEFAULT_MAX_BATCH);
    }

    /** A connection of this database; the caller closes it. */
    Connection connection() throws SQLException {
        if (pool != null) {
            return pool.getConnection();
        }
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    private void check() {
        try (Connection connection = connection()) {
            if (pool != null) {
                // H2 keeps commits in memory for up to WRITE_DELAY ms (500 by default): a process killed
                // then loses them. Written at once, a commit survives the death of its process.
                writeCommitsAtOnce(connection);
            }
        } catch (SQLException e) {
            close();
            throw new PersistenceException("Cannot open the database " + url + why(e), e);
        }
    }

    /** The reason a user can act on, for the errors that have one. */
    private static String why(SQLException e) {
        // PostgreSQL says the same with SQLSTATE 28P01 (password) and 08001 (no connection)
        if (e.getErrorCode() == org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD || "28P01".equals(e.getSQLState())) {
            return ": the server refused the password (the studio reads it from the file beside the database, or "
                    + "from the file named by " + DatabasePassword.ENV + "; a copy may be out of date)";
        }
        if (e.getErrorCode() == org.h2.api.ErrorCode.CONNECTION_BROKEN_1 || "08001".equals(e.getSQLState())) {
            return ": no server answers there (is db-server or PostgreSQL running, and the host and port right?)";
        }
        return e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    }

    private static void writeCommitsAtOnce(Connection connection) {
        try (var statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            // not an administrator, or read-only: the URL's own settings stand
        }
    }

    /** Closes the pooled connections; H2 closes the file once no process uses it. */
    @Override
    public void close() {
        if (pool != null) {
            pool.dispose();
        }
    }
}
