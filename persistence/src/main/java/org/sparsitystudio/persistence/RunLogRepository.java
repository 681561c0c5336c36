package org.sparsitystudio.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The log lines of runs, appended as they are written and read back in order. */
public final class RunLogRepository {

    private final Database database;

    RunLogRepository(Database database) {
        this.database = database;
    }

    /** Appends one line to a run's log. */
    public void append(long runId, String line) {
        Jdbc.withConnection(database, "append to the log of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO run_logs (run_id, logged_at, line) VALUES (?, ?, ?)")) {
                statement.setLong(1, runId);
                statement.setLong(2, database.clock().millis());
                statement.setString(3, line);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** A run's log lines, oldest first. */
    public List<String> lines(long runId) {
        return Jdbc.withConnection(database, "read the log of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT line FROM run_logs WHERE run_id = ? ORDER BY id")) {
                statement.setLong(1, runId);
                try (ResultSet rows = statement.executeQuery()) {
                    List<String> lines = new ArrayList<>();
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                    return lines;
                }
            }
        });
    }
}
