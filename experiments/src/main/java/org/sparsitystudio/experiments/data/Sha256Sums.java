package org.sparsitystudio.experiments.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** SHA-256 digests and the {@code sha256sum} file format ({@code <hex>  <name>} per line). */
final class Sha256Sums {

    private Sha256Sums() {
    }

    /** Lower-case hex SHA-256 of {@code data}. */
    static String hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** Parses a {@code sha256sum} listing into name → lower-case hex, in file order. */
    static Map<String, String> parse(String text, String source) {
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new DatasetException(source + " line " + (i + 1) + " is not a 'sha256  name' line: \"" + line
                        + "\". The checksum list is damaged; reinstall the application.");
            }
            sums.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
        }
        return sums;
    }

    /** Formats name → hex as a {@code sha256sum}-compatible listing. */
    static String format(Map<String, String> sums) {
        StringBuilder sb = new StringBuilder();
        sums.forEach((name, hex) -> sb.append(hex).append("  ").append(name).append('\n'));
        return sb.toString();
    }

    /**
     * Checks {@code data} against the expected digest for {@code name}.
     *
     * @param location where the files live, for the message
     * @return the actual digest
     */
    static String verify(String name, byte[] data, Map<String, String> expected, String location) {
        String want = expected.get(name);
        if (want == null) {
            throw new DatasetException("The checksum list in " + location + " has no entry for " + name
                    + ". The embedded data set is damaged; reinstall the application, or set " + DataSource.PROPERTY
                    + " to a directory with the full Fashion-MNIST.");
        }
        String got = hex(data);
        if (!got.equals(want)) {
            throw new DatasetException("Checksum mismatch for " + location + "/" + name + ": SHA-256 is " + got
                    + " but SHA256SUMS expects " + want + ". The embedded data set is damaged or was modified; "
                    + "reinstall the application, or set " + DataSource.PROPERTY
                    + " to a directory with the full Fashion-MNIST.");
        }
        return got;
    }
}
