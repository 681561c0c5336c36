package org.sparsitystudio.app.browser;

import java.util.List;
import java.util.Map;

/**
 * A study as the browser lists it.
 *
 * @param id        database id
 * @param name      the study's name
 * @param kindId    the experiment kind
 * @param createdAt when it was created, ISO-8601
 * @param counts    runs per status name
 * @param tags      labels
 * @param notes     free text
 */
public record StudyItem(long id, String name, String kindId, String createdAt, Map<String, Integer> counts,
        List<String> tags, String notes) {

    /** Whether {@code query} (case-insensitive) appears in the name, kind, tags or notes. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.toLowerCase(java.util.Locale.ROOT).trim();
        return name.toLowerCase(java.util.Locale.ROOT).contains(q) || kindId.contains(q)
                || tags.stream().anyMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains(q))
                || (notes != null && notes.toLowerCase(java.util.Locale.ROOT).contains(q));
    }
}
