package org.sparsitystudio.persistence;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Tags are stored as one comma-separated column: sorted, unique, trimmed, no empty ones. */
final class Tags {

    private Tags() {
    }

    static String join(Collection<String> tags) {
        TreeSet<String> clean = new TreeSet<>();
        for (String tag : tags) {
            String trimmed = tag.trim();
            if (trimmed.contains(",")) {
                throw new IllegalArgumentException("A tag may not contain a comma: " + tag);
            }
            if (!trimmed.isEmpty()) {
                clean.add(trimmed);
            }
        }
        return String.join(",", clean);
    }

    static List<String> split(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
