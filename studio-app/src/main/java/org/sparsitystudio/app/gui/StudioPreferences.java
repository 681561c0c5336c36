package org.sparsitystudio.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the studio remembers between sessions: window size and the last folder used for files.
 * Stored with {@link Preferences} under the user's node; tests use their own node
 * ({@code -Dstudio.preferences=...}) so they never touch a researcher's settings.
 */
public final class StudioPreferences {

    private final Preferences node;

    private StudioPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences (or the node named by {@code studio.preferences}). */
    public static StudioPreferences user() {
        return new StudioPreferences(Preferences.userRoot().node(
                System.getProperty("studio.preferences", "org/sparsitystudio/studio")));
    }

    public double windowWidth() {
        return node.getDouble("window.width", 1240);
    }

    public double windowHeight() {
        return node.getDouble("window.height", 780);
    }

    public void rememberWindow(double width, double height) {
        node.putDouble("window.width", width);
        node.putDouble("window.height", height);
        flush();
    }

    /** The last folder a file was read from or written to, if it still exists; else the home folder. */
    public Path lastFolder() {
        Path folder = Path.of(node.get("folder.last", System.getProperty("user.home")));
        return Files.isDirectory(folder) ? folder : Path.of(System.getProperty("user.home"));
    }

    public void rememberFolder(Path file) {
        Path folder = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
        if (folder != null) {
            node.put("folder.last", folder.toString());
            flush();
        }
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience; a read-only home must not stop the studio
        }
    }
}
