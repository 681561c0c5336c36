package org.sparsitystudio.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the metrics of runs, for charts and export (write them with a {@link MetricWriter}). */
public final class MetricRepository {

    private final Database database;

    MetricRepository(Database database) {
        this.database = database;
    }

    /** A metric's values for a run, ordered by step. */
    public List<MetricPoint> series(long runId, String name) {
        return series(runId, name, Long.MIN_VALUE);
    }

    /**
     * A metric's values after a step, ordered by step: what a live view polls for.
     *
     * @param afterStep only steps greater than this
     */
    public List<MetricPoint> series(long runId, String name, long afterStep) {
        return Jdbc.withConnection(database, "read metric " + name + " of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT step, metric_value, wall_time_ms FROM metrics WHERE run_id = ? AND name = ? AND step > ?"
                            + " ORDER BY step")) {
                statement.setLong(1, runId);
                statement.setString(2, name);
                statement.setLong(3, afterStep);
                try (ResultSet rows = statement.executeQuery()) {
                    List<MetricPoint> points = new ArrayList<>();
                    while (rows.next()) {
                        points.add(new MetricPoint(rows.getLong(1), rows.getDouble(2),
                                Instant.ofEpochMilli(rows.getLong(3))));
                    }
                    return points;
                }
            }
        });
    }

    /** The names of the metrics a run has, sorted. */
    public List<String> names(long runId) {
        return Jdbc.withConnection(database, "list metrics of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name")) {
                statement.setLong(1, runId);
                try (ResultSet rows = statement.executeQuery()) {
                    List<String> names = new ArrayList<>();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                    return names;
                }
            }
        });
    }

    /** How many metric values a run has stored, all names together. */
    public long count(long runId) {
        return Jdbc.withConnection(database, "count metrics of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM metrics WHERE run_id = ?")) {
                statement.setLong(1, runId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
