package org.sparsitystudio.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparsitystudio.experiments.run.RunStatus;

/** Studies: created with all their queued runs in one transaction, listed, found, annotated. */
public final class StudyRepository {

    private static final String SELECT =
            "SELECT id, name, kind_id, design_json, created_at, tags, notes FROM studies";

    private final Database database;

    StudyRepository(Database database) {
        this.database = database;
    }

    /**
     * Stores a study and its runs, all {@code QUEUED}, in one transaction: either everything is
     * stored or nothing (a duplicate run index, for one, rolls the whole study back).
     */
    public CreatedStudy create(NewStudy study) {
        Instant now = database.clock().instant();
        return Jdbc.inTransaction(database, "create study " + study.name(), connection -> {
            long studyId = insertStudy(connection, study, now);
            insertRuns(connection, studyId, study.runs(), now);
            Study stored = find(connection, studyId).orElseThrow();
            return new CreatedStudy(stored, RunRepository.listByStudy(connection, studyId));
        });
    }

    /** All studies, newest first. */
    public List<Study> list() {
        return Jdbc.withConnection(database, "list studies", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT + " ORDER BY created_at DESC, id DESC");
                 ResultSet rows = statement.executeQuery()) {
                List<Study> studies = new ArrayList<>();
                while (rows.next()) {
                    studies.add(map(rows));
                }
                return studies;
            }
        });
    }

    /** The study with this id, if any. */
    public Optional<Study> find(long id) {
        return Jdbc.withConnection(database, "find study " + id, connection -> find(connection, id));
    }

    /**
     * Replaces a study's tags and notes.
     *
     * @throws PersistenceException if there is no such study
     */
    public void updateTagsAndNotes(long id, List<String> tags, String notes) {
        Jdbc.withConnection(database, "update study " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE studies SET tags = ?, notes = ? WHERE id = ?")) {
                statement.setString(1, Tags.join(tags));
                statement.setString(2, notes);
                statement.setLong(3, id);
                if (statement.executeUpdate() != 1) {
                    throw new PersistenceException("No study " + id);
                }
                return null;
            }
        });
    }

    /** Deletes a study with its runs, metrics, results, provenance and artifact records. */
    public boolean delete(long id) {
        return Jdbc.withConnection(database, "delete study " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM studies WHERE id = ?")) {
                statement.setLong(1, id);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static long insertStudy(Connection connection, NewStudy study, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO studies (name, kind_id, design_json, created_at, tags, notes) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, study.name());
            statement.setString(2, study.kindId());
            statement.setString(3, study.designJson());
            Jdbc.setInstant(statement, 4, now);
            statement.setString(5, Tags.join(study.tags()));
            statement.setString(6, study.notes());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertRuns(Connection connection, long studyId, List<NewRun> runs, Instant now)
            throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO runs (study_id, run_index, name, status, seed, parameters_json, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (NewRun run : runs) {
                statement.setLong(1, studyId);
                statement.setInt(2, run.runIndex());
                statement.setString(3, run.name());
                statement.setString(4, RunStatus.QUEUED.name());
                statement.setLong(5, run.seed());
                statement.setString(6, run.parametersJson());
                Jdbc.setInstant(statement, 7, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static Optional<Study> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    private static Study map(ResultSet rows) throws SQLException {
        return new Study(rows.getLong("id"), rows.getString("name"), rows.getString("kind_id"),
                rows.getString("design_json"), Jdbc.getInstant(rows, "created_at"),
                Tags.split(rows.getString("tags")), rows.getString("notes"));
    }
}
