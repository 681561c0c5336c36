package org.sparsitystudio.persistence;

import java.time.Instant;
import java.util.List;

/**
 * A stored study.
 *
 * @param id         database id
 * @param name       name
 * @param kindId     the experiment kind's stable id
 * @param designJson the design as JSON
 * @param createdAt  when it was created
 * @param tags       labels, sorted
 * @param notes      free text or {@code null}
 */
public record Study(long id, String name, String kindId, String designJson, Instant createdAt,
                    List<String> tags, String notes) {

    /** Copies the tags. */
    public Study {
        tags = List.copyOf(tags);
    }
}
