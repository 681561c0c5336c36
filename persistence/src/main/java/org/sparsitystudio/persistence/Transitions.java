package org.sparsitystudio.persistence;

import java.util.EnumSet;
import java.util.Set;
import org.sparsitystudio.experiments.run.RunStatus;

/**
 * The allowed status changes of a run: queued or interrupted runs start; running runs end in a
 * final status; a queued run may be cancelled; an ended run other than a completed one may be
 * queued again.
 */
final class Transitions {

    private Transitions() {
    }

    /** The statuses from which a run may move to {@code target}. */
    static Set<RunStatus> sourcesOf(RunStatus target) {
        return switch (target) {
            case RUNNING -> EnumSet.of(RunStatus.QUEUED, RunStatus.INTERRUPTED);
            case QUEUED -> EnumSet.of(RunStatus.INTERRUPTED, RunStatus.FAILED, RunStatus.CANCELLED,
                    RunStatus.DIVERGED);
            case CANCELLED -> EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING);
            case COMPLETED, FAILED, INTERRUPTED, DIVERGED -> EnumSet.of(RunStatus.RUNNING);
        };
    }

    /** Whether {@code from → to} is allowed. */
    static boolean allowed(RunStatus from, RunStatus to) {
        return sourcesOf(to).contains(from);
    }

    /** {@code ('A','B')} for an SQL IN clause; the names are enum constants, safe to inline. */
    static String inList(Set<RunStatus> statuses) {
        StringBuilder sql = new StringBuilder("(");
        for (RunStatus status : statuses) {
            sql.append(sql.length() > 1 ? "," : "").append('\'').append(status.name()).append('\'');
        }
        return sql.append(')').toString();
    }
}
