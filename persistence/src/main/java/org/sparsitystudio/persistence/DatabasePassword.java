package org.sparsitystudio.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The password the studio gives an H2 database it opens by path or URL. H2's own default is no
 * password; {@code sparsity-studio db-server} puts one on a database it serves and writes it to a
 * file readable only by its user, by default next to the database ({@code studio.mv.db} →
 * {@code studio.password}). Nothing else ever needs the password typed or put in a URL (where it
 * would show in the status bar and in printed messages):
 * <ol>
 *   <li>the file named by the system property {@value #PROPERTY} or the environment variable
 *       {@value #ENV}, for any database;</li>
 *   <li>else the file next to the database, where it exists: for a file URL or path, and for a
 *       server URL ({@code jdbc:h2:tcp://host:port//abs/path}) whose path this machine sees too
 *       (the same machine, or a file system shared with the server, like a cluster's home);</li>
 *   <li>else none (the empty password).</li>
 * </ol>
 */
public final class DatabasePassword {

    /** The system property naming a password file (wins over {@link #ENV}). */
    public static final String PROPERTY = "sparsitystudio.db.passwordFile";
    /** The environment variable naming a password file. */
    public static final String ENV = "SPARSITY_STUDIO_DB_PASSWORD_FILE";
    /** The suffix of the password file next to a database: {@code studio.password}. */
    public static final String SUFFIX = ".password";

    private static final String H2_SUFFIX = ".mv.db";

    private DatabasePassword() {
    }

    /**
     * The password file that goes with a database file.
     *
     * @param databaseFile the database, with or without H2's {@code .mv.db}
     * @return the file {@code <name>.password} beside it
     */
    public static Path fileFor(Path databaseFile) {
        Path absolute = databaseFile.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.endsWith(H2_SUFFIX)) {
            name = name.substring(0, name.length() - H2_SUFFIX.length());
        }
        return absolute.resolveSibling(name + SUFFIX);
    }

    /** The password for a JDBC URL under this JVM's properties and environment; see the class comment. */
    public static String forUrl(String url) {
        return forUrl(url, System.getProperties(), System.getenv());
    }

    /**
     * The password for a JDBC URL.
     *
     * @param url        the JDBC URL the studio opens
     * @param properties system properties (reads {@value #PROPERTY})
     * @param env        environment variables (reads {@value #ENV})
     * @return the password, empty where no file gives one
     */
    public static String forUrl(String url, Properties properties, Map<String, String> env) {
        String named = properties.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            named = env.get(ENV);
        }
        if (named != null && !named.isBlank()) {
            return read(Path.of(named.trim()));
        }
        Optional<Path> beside = databaseFile(url).map(DatabasePassword::fileFor).filter(Files::isRegularFile);
        return beside.map(DatabasePassword::read).orElse("");
    }

    /**
     * Reads a password file: its content without surrounding white space.
     *
     * @throws PersistenceException when it cannot be read
     */
    public static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new PersistenceException("Cannot read the database password file " + file, e);
        }
    }

    /**
     * The absolute database file an H2 URL names: {@code jdbc:h2:file:/p}, {@code jdbc:h2:/p},
     * {@code jdbc:h2:tcp://host[:port]//p} (or {@code ssl:}); empty for other URLs (in-memory,
     * relative or home-relative paths, other databases).
     */
    static Optional<Path> databaseFile(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        if (settings >= 0) {
            rest = rest.substring(0, settings);
        }
        String restLower = rest.toLowerCase(Locale.ROOT);
        if (restLower.startsWith("tcp://") || restLower.startsWith("ssl://")) {
            int slash = rest.indexOf('/', "tcp://".length());
            if (slash < 0) {
                return Optional.empty();
            }
            rest = rest.substring(slash + 1);
        } else if (restLower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (restLower.startsWith("mem:") || restLower.startsWith("zip:") || restLower.startsWith("split:")) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(rest);
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
