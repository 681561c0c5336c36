package org.sparsitystudio.experiments.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a loaded data set came from, for the UI and for run provenance: which kind of source,
 * which directory or resource, what chose it, the SHA-256 of every file as stored, and the split
 * sizes. A run that used the embedded subset must never be mistaken for one on the full data.
 *
 * @param kind which kind of source was used
 * @param location the directory, or the class-path resource folder of the embedded subset
 * @param chosenBy what selected the source, e.g. "system property sparsitystudio.fashionMnist"
 * @param sha256 lower-case hex SHA-256 of each file as stored (compressed if it was), by file name,
 *     in the order train images, train labels, test images, test labels
 * @param trainSize samples in the training split
 * @param testSize samples in the test split
 */
public record DatasetOrigin(Kind kind, String location, String chosenBy, Map<String, String> sha256,
        int trainSize, int testSize) {

    /** The kinds of source, in the order they are tried when nothing is configured. */
    public enum Kind {
        /** A directory given as an argument, system property or environment variable. */
        EXPLICIT_PATH,
        /** The Debian package dataset-fashion-mnist, in /usr/share/datasets/fashion-mnist. */
        DEBIAN_PACKAGE,
        /** The class-balanced subset of 6,000 + 1,000 images shipped inside the application. */
        EMBEDDED_SUBSET
    }

    /** Validates and freezes the checksum map, keeping its order. */
    public DatasetOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(chosenBy, "chosenBy");
        sha256 = Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
    }

    /** True when the data is the complete Fashion-MNIST (60,000 train, 10,000 test). */
    public boolean isFullDataset() {
        return kind != Kind.EMBEDDED_SUBSET && trainSize == 60_000 && testSize == 10_000;
    }

    /** One line for a status bar or a log, e.g. "Fashion-MNIST 60000/10000 from … (Debian package)". */
    public String describe() {
        String what = switch (kind) {
            case EXPLICIT_PATH -> "directory chosen by " + chosenBy;
            case DEBIAN_PACKAGE -> "Debian package dataset-fashion-mnist";
            case EMBEDDED_SUBSET -> "embedded class-balanced subset, not the full data set";
        };
        return "Fashion-MNIST " + trainSize + " train / " + testSize + " test from " + location + " (" + what + ")";
    }
}
