package org.sparsitystudio.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The studio's version and git commit, written into the jar at build time, for provenance.
 *
 * @param version the Maven project version
 * @param commit  the full git commit id, or "unknown" when built outside a git checkout
 * @param dirty   whether the working tree had uncommitted changes at build time
 */
public record BuildInfo(String version, String commit, boolean dirty) {

    /** Reads the build-time resources of this module. */
    public static BuildInfo current() {
        Properties app = load("app.properties");
        Properties git = load("git.properties");
        return new BuildInfo(app.getProperty("app.version", "unknown"), git.getProperty("git.commit.id", "unknown"),
                Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a missing build resource leaves the field "unknown"; provenance says so
        }
        return p;
    }
}
