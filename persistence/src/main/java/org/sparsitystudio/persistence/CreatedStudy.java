package org.sparsitystudio.persistence;

import java.util.List;

/**
 * What {@link StudyRepository#create(NewStudy)} stored: the study and its queued runs.
 *
 * @param study the study
 * @param runs  its runs in run-index order, all {@code QUEUED}
 */
public record CreatedStudy(Study study, List<RunRecord> runs) {

    /** Copies the runs. */
    public CreatedStudy {
        runs = List.copyOf(runs);
    }
}
