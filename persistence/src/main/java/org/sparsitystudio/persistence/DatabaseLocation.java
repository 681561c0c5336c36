package org.sparsitystudio.persistence;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the studio keeps its database when nobody names one: the system property
 * {@value #PROPERTY} (a JDBC URL or a file path) wins; otherwise a file {@value #FILE_NAME} in the
 * user's data directory ({@code $XDG_DATA_HOME/sparsity-studio}, else
 * {@code ~/.local/share/sparsity-studio} on Linux, {@code %APPDATA%\sparsity-studio} on Windows,
 * {@code ~/Library/Application Support/sparsity-studio} on macOS).
 */
public final class DatabaseLocation {

    /** The system property that overrides the default location (URL or path). */
    public static final String PROPERTY = "sparsitystudio.db";
    /** The database's base name: H2 adds {@code .mv.db}. */
    public static final String FILE_NAME = "studio";
    /** The folder under the user's data directory. */
    public static final String APP_DIR = "sparsity-studio";

    private DatabaseLocation() {
    }

    /** The location from this JVM's properties and environment: a JDBC URL or a path, as text. */
    public static String resolve() {
        return resolve(System.getProperties(), System.getenv());
    }

    /**
     * The location for the given settings: the property {@value #PROPERTY} if set, else the data
     * directory's {@value #FILE_NAME}.
     *
     * @param properties system properties (reads {@value #PROPERTY}, {@code os.name}, {@code user.home})
     * @param env        environment variables (reads {@code XDG_DATA_HOME}, {@code APPDATA})
     * @return a JDBC URL or a database file path (without H2's suffix)
     */
    public static String resolve(Properties properties, Map<String, String> env) {
        String override = properties.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return override.trim();
        }
        return dataDirectory(properties, env).resolve(FILE_NAME).toString();
    }

    /** The user's data directory for the studio, following the platform's convention. */
    static Path dataDirectory(Properties properties, Map<String, String> env) {
        Path home = Path.of(properties.getProperty("user.home", "."));
        String os = properties.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData))
                    .resolve(APP_DIR);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve(APP_DIR);
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve(APP_DIR);
    }
}
