package org.sparsitystudio.persistence;

import java.time.Instant;
import java.util.List;
import org.sparsitystudio.experiments.run.RunStatus;

/**
 * A stored run.
 *
 * @param id             database id
 * @param studyId        its study
 * @param runIndex       position in the study's sweep
 * @param name           short label
 * @param status         where it is in its life
 * @param seed           random seed
 * @param parametersJson concrete parameter values as JSON
 * @param createdAt      when it was queued
 * @param startedAt      when it last started running, or {@code null}
 * @param endedAt        when it ended, or {@code null}
 * @param error          why it failed or was interrupted, or {@code null}
 * @param tags           labels, sorted
 * @param notes          free text or {@code null}
 * @param owner          the process that last ran it, or {@code null} if never started
 */
public record RunRecord(long id, long studyId, int runIndex, String name, RunStatus status, long seed,
                        String parametersJson, Instant createdAt, Instant startedAt, Instant endedAt,
                        String error, List<String> tags, String notes, ProcessOwner owner) {

    /** Copies the tags. */
    public RunRecord {
        tags = List.copyOf(tags);
    }
}
