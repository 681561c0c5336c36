package org.sparsitystudio.persistence;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.sparsitystudio.experiments.run.RunStatus;

/**
 * Crash recovery: runs left {@code RUNNING} whose owner process is dead become
 * {@code INTERRUPTED}. Each update repeats the owner it checked, so a run that another process
 * restarted meanwhile is not touched.
 */
final class Recovery {

    /** The error recorded on a recovered run. */
    static final String MESSAGE = "The process running it ended without finishing it";

    private final Database database;

    Recovery(Database database) {
        this.database = database;
    }

    List<RunRecord> run() {
        ProcessOwner me = database.owner();
        List<RunRecord> recovered = new ArrayList<>();
        for (RunRecord run : database.runs().listByStatus(RunStatus.RUNNING)) {
            if (run.owner() != null && run.owner().mayBeAlive(me)) {
                continue;
            }
            if (markInterrupted(run)) {
                database.runs().find(run.id()).ifPresent(recovered::add);
            }
        }
        return recovered;
    }

    private boolean markInterrupted(RunRecord run) {
        String ownerClause = run.owner() == null ? "owner_token IS NULL" : "owner_token = ?";
        return Jdbc.withConnection(database, "recover run " + run.id(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE runs SET status = ?, ended_at = ?, error = ? WHERE id = ? AND status = ? AND " + ownerClause)) {
                statement.setString(1, RunStatus.INTERRUPTED.name());
                Jdbc.setInstant(statement, 2, database.clock().instant());
                statement.setString(3, MESSAGE + " (" + describe(run.owner()) + ")");
                statement.setLong(4, run.id());
                statement.setString(5, RunStatus.RUNNING.name());
                if (run.owner() != null) {
                    statement.setString(6, run.owner().token());
                }
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static String describe(ProcessOwner owner) {
        return owner == null ? "owner unknown" : "process " + owner.pid() + " on " + owner.host();
    }
}
