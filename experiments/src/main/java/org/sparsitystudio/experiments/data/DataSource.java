package org.sparsitystudio.experiments.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where to load Fashion-MNIST from. Use {@link #resolve()} for the standard order, or one of the
 * factories to force a source.
 *
 * <p>Resolution order: an explicit directory (argument, else system property
 * {@value #PROPERTY}, else environment variable {@value #ENVIRONMENT}), then the Debian package
 * directory {@code /usr/share/datasets/fashion-mnist}, then the embedded subset. An explicit
 * directory is used as given even if it is unusable, so that loading fails with a message naming
 * it instead of silently training on other data. The Debian directory counts as present as soon
 * as it holds any of the four files, for the same reason: a half-installed package is an error,
 * not a reason to switch to the subset.
 */
public sealed interface DataSource permits DataSource.Directory, DataSource.Embedded {

    /** System property naming a directory with the four Fashion-MNIST files. */
    String PROPERTY = "sparsitystudio.fashionMnist";
    /** Environment variable naming a directory with the four Fashion-MNIST files. */
    String ENVIRONMENT = "SPARSITY_STUDIO_FASHION_MNIST";
    /** Where the Debian package dataset-fashion-mnist installs the files. */
    Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The origin kind this source produces. */
    DatasetOrigin.Kind kind();

    /** What selected this source, for messages and provenance. */
    String chosenBy();

    /**
     * A directory holding {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
     * {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}.
     *
     * @param path the directory
     * @param kind {@link DatasetOrigin.Kind#EXPLICIT_PATH} or {@link DatasetOrigin.Kind#DEBIAN_PACKAGE}
     * @param chosenBy what selected it
     */
    record Directory(Path path, DatasetOrigin.Kind kind, String chosenBy) implements DataSource {
        /** Rejects the embedded kind, which has no directory. */
        public Directory {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(chosenBy, "chosenBy");
            if (kind == DatasetOrigin.Kind.EMBEDDED_SUBSET) {
                throw new IllegalArgumentException("the embedded subset is not a directory source");
            }
        }
    }

    /** The subset shipped as class-path resources. */
    record Embedded() implements DataSource {
        @Override
        public DatasetOrigin.Kind kind() {
            return DatasetOrigin.Kind.EMBEDDED_SUBSET;
        }

        @Override
        public String chosenBy() {
            return "fallback: no explicit directory and no Debian package";
        }
    }

    /** A directory given directly by the caller (a command-line argument or a dialog). */
    static DataSource directory(Path dir) {
        return new Directory(dir, DatasetOrigin.Kind.EXPLICIT_PATH, "explicit argument");
    }

    /** The Debian package location, whether or not it is installed. */
    static DataSource debianPackage() {
        return new Directory(DEBIAN_DIRECTORY, DatasetOrigin.Kind.DEBIAN_PACKAGE, "default location " + DEBIAN_DIRECTORY);
    }

    /** The embedded subset. */
    static DataSource embeddedSubset() {
        return new Embedded();
    }

    /** Resolves with no explicit argument: system property, environment, Debian, embedded. */
    static DataSource resolve() {
        return resolve(null);
    }

    /** Resolves with an optional explicit directory (null for none) taking precedence. */
    static DataSource resolve(Path explicit) {
        return resolve(explicit, System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), DEBIAN_DIRECTORY);
    }

    /**
     * The resolution rule with every input passed in, so that it can be tested without touching
     * the real system property, environment or {@code /usr/share}.
     *
     * @param explicit a directory from the caller, or null
     * @param property the value of {@value #PROPERTY}, or null
     * @param environment the value of {@value #ENVIRONMENT}, or null
     * @param debianDirectory where to look for the Debian package
     */
    static DataSource resolve(Path explicit, String property, String environment, Path debianDirectory) {
        if (explicit != null) {
            return new Directory(explicit, DatasetOrigin.Kind.EXPLICIT_PATH, "explicit argument");
        }
        // Blank values are treated as unset: an empty "export VAR=" should not mean the current directory.
        if (property != null && !property.isBlank()) {
            return new Directory(Path.of(property.strip()), DatasetOrigin.Kind.EXPLICIT_PATH, "system property " + PROPERTY);
        }
        if (environment != null && !environment.isBlank()) {
            return new Directory(Path.of(environment.strip()), DatasetOrigin.Kind.EXPLICIT_PATH,
                    "environment variable " + ENVIRONMENT);
        }
        if (holdsAnyFashionMnistFile(debianDirectory)) {
            return new Directory(debianDirectory, DatasetOrigin.Kind.DEBIAN_PACKAGE, "default location " + debianDirectory);
        }
        return new Embedded();
    }

    private static boolean holdsAnyFashionMnistFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (String base : FashionMnist.FILE_BASE_NAMES) {
            if (Files.exists(dir.resolve(base + ".gz")) || Files.exists(dir.resolve(base))) {
                return true;
            }
        }
        return false;
    }
}
