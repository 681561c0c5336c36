package org.sparsitystudio.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparsitystudio.experiments.run.RunStatus;

/**
 * Runs: status changes with their time stamps and owner, results and provenance.
 * Status changes follow the run life-cycle (queued → running → a final status; interrupted and
 * failed runs may be queued or started again) and are checked in the database, so two processes
 * cannot both start the same run.
 */
public final class RunRepository {

    static final String SELECT = "SELECT id, study_id, run_index, name, status, seed, parameters_json, created_at,"
            + " started_at, ended_at, error, tags, notes, owner_pid, owner_host, owner_token, owner_started_at FROM runs";

    private final Database database;

    RunRepository(Database database) {
        this.database = database;
    }

    /** The run with this id, if any. */
    public Optional<RunRecord> find(long id) {
        return Jdbc.withConnection(database, "find run " + id, connection -> find(connection, id));
    }

    /** A study's runs in run-index order. */
    public List<RunRecord> listByStudy(long studyId) {
        return Jdbc.withConnection(database, "list runs of study " + studyId, connection -> listByStudy(connection, studyId));
    }

    /** All runs with this status, by id. */
    public List<RunRecord> listByStatus(RunStatus status) {
        return Jdbc.withConnection(database, "list " + status + " runs", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE status = ? ORDER BY id")) {
                statement.setString(1, status.name());
                return list(statement);
            }
        });
    }

    /**
     * Starts a queued (or interrupted) run: {@code RUNNING}, started now, owned by this process,
     * end time and error cleared.
     *
     * @throws IllegalStateException if the run is in another status (another process took it)
     */
    public RunRecord markRunning(long id) {
        ProcessOwner owner = database.owner();
        return transition(id, RunStatus.RUNNING, "started_at = ?, ended_at = NULL, error = NULL, owner_pid = ?,"
                + " owner_host = ?, owner_token = ?, owner_started_at = ?", statement -> {
                    Jdbc.setInstant(statement, 1, database.clock().instant());
                    statement.setLong(2, owner.pid());
                    statement.setString(3, owner.host());
                    statement.setString(4, owner.token());
                    if (owner.startedAtMillis() == null) {
                        statement.setNull(5, java.sql.Types.BIGINT);
                    } else {
                        statement.setLong(5, owner.startedAtMillis());
                    }
                    return 6;
                });
    }

    /**
     * Ends a run in a final status, stamped now.
     *
     * @param status a final status ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED},
     *               {@code INTERRUPTED}, {@code DIVERGED})
     * @param error  the failure's message or stack trace, {@code null} for none
     * @throws IllegalStateException if the run's status does not allow it
     */
    public RunRecord finish(long id, RunStatus status, String error) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("Not a final status: " + status);
        }
        return transition(id, status, "ended_at = ?, error = ?", statement -> {
            Jdbc.setInstant(statement, 1, database.clock().instant());
            statement.setString(2, error);
            return 3;
        });
    }

    /** Queues an ended (not completed) run again, clearing its times and error. */
    public RunRecord requeue(long id) {
        return transition(id, RunStatus.QUEUED, "started_at = NULL, ended_at = NULL, error = NULL",
                statement -> 1);
    }

    /** Replaces a run's tags and notes. */
    public void updateTagsAndNotes(long id, List<String> tags, String notes) {
        Jdbc.withConnection(database, "update run " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE runs SET tags = ?, notes = ? WHERE id = ?")) {
                statement.setString(1, Tags.join(tags));
                statement.setString(2, notes);
                statement.setLong(3, id);
                if (statement.executeUpdate() != 1) {
                    throw new PersistenceException("No run " + id);
                }
                return null;
            }
        });
    }

    /** Stores results of a run (a sweep's summary values), replacing those of the same names. */
    public void putResults(long runId, Map<String, Double> results) {
        KeyValues.replace(database, "results", "result_value", runId, results, false,
                (statement, index, value) -> statement.setDouble(index, value));
    }

    /** A run's results by name. */
    public Map<String, Double> results(long runId) {
        return KeyValues.read(database, "results", "result_value", runId, rows -> rows.getDouble(1));
    }

    /** Replaces a run's whole provenance record (key → value, values may be {@code null}). */
    public void writeProvenance(long runId, Map<String, String> provenance) {
        KeyValues.replace(database, "provenance", "prov_value", runId, provenance, true,
                (statement, index, value) -> statement.setString(index, value));
    }

    /** A run's provenance record, sorted by key. */
    public Map<String, String> provenance(long runId) {
        return KeyValues.read(database, "provenance", "prov_value", runId, rows -> rows.getString(1));
    }

    /** Sets the statement's parameters from 1 and returns the next free index. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    private RunRecord transition(long id, RunStatus target, String assignments, Binder binder) {
        String sources = Transitions.inList(Transitions.sourcesOf(target));
        return Jdbc.inTransaction(database, "set run " + id + " " + target, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE runs SET " + assignments
                    + ", status = ? WHERE id = ? AND status IN " + sources)) {
                int next = binder.bind(statement);
                statement.setString(next, target.name());
                statement.setLong(next + 1, id);
                if (statement.executeUpdate() == 1) {
                    return find(connection, id).orElseThrow();
                }
            }
            RunRecord current = find(connection, id)
                    .orElseThrow(() -> new PersistenceException("No run " + id));
            throw new IllegalStateException("Run " + id + " cannot go from " + current.status() + " to " + target);
        });
    }

    static Optional<RunRecord> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            statement.setLong(1, id);
            List<RunRecord> runs = list(statement);
            return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
        }
    }

    static List<RunRecord> listByStudy(Connection connection, long studyId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE study_id = ? ORDER BY run_index")) {
            statement.setLong(1, studyId);
            return list(statement);
        }
    }

    static List<RunRecord> list(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<RunRecord> runs = new ArrayList<>();
            while (rows.next()) {
                runs.add(map(rows));
            }
            return runs;
        }
    }

    private static RunRecord map(ResultSet rows) throws SQLException {
        String token = rows.getString("owner_token");
        ProcessOwner owner = token == null ? null : new ProcessOwner(rows.getLong("owner_pid"),
                rows.getString("owner_host"), token, Jdbc.getNullableLong(rows, "owner_started_at"));
        Instant createdAt = Jdbc.getInstant(rows, "created_at");
        return new RunRecord(rows.getLong("id"), rows.getLong("study_id"), rows.getInt("run_index"),
                rows.getString("name"), RunStatus.valueOf(rows.getString("status")), rows.getLong("seed"),
                rows.getString("parameters_json"), createdAt, Jdbc.getInstant(rows, "started_at"),
                Jdbc.getInstant(rows, "ended_at"), rows.getString("error"), Tags.split(rows.getString("tags")),
                rows.getString("notes"), owner);
    }
}
