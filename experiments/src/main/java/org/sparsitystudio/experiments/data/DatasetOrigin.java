package org.sparsitystudio.experiments.data;

import java.util.Map;

/**
 * Where a data set was loaded from, for the UI and for provenance.
 *
 * @param kind      which source was used
 * @param location  the directory, or the class-path resource of the embedded subset
 * @param checksums SHA-256 per file name, as read
 * @param trainSize training samples
 * @param testSize  test samples
 */
public record DatasetOrigin(Kind kind, String location, Map<String, String> checksums, int trainSize, int testSize) {

    /** The three sources, in the order they are tried. */
    public enum Kind {
        EXPLICIT_PATH("explicit directory"),
        DEBIAN_PACKAGE("Debian package dataset-fashion-mnist"),
        EMBEDDED_SUBSET("embedded subset");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public DatasetOrigin {
        checksums = Map.copyOf(checksums);
    }

    /** One line for a person, e.g. "Fashion-MNIST, embedded subset (6,000 train / 1,000 test)". */
    public String describe() {
        String where = kind == Kind.EMBEDDED_SUBSET ? "" : " at " + location;
        return String.format(java.util.Locale.ROOT, "Fashion-MNIST, %s%s (%,d train / %,d test)", kind.label(), where,
                trainSize, testSize);
    }
}
