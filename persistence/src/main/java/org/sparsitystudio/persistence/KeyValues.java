package org.sparsitystudio.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-run key/value tables ({@code results}, {@code provenance}): replace and read, with
 * portable SQL (delete then insert in one transaction instead of a dialect's upsert).
 */
final class KeyValues {

    private KeyValues() {
    }

    @FunctionalInterface
    interface Setter<V> {
        void set(PreparedStatement statement, int index, V value) throws SQLException;
    }

    @FunctionalInterface
    interface Getter<V> {
        V get(ResultSet rows) throws SQLException;
    }

    /**
     * Writes {@code values} for a run. With {@code replaceAll} the run's other keys go too;
     * without it only the keys given are replaced.
     */
    static <V> void replace(Database database, String table, String valueColumn, long runId, Map<String, V> values,
                            boolean replaceAll, Setter<V> setter) {
        String keyColumn = keyColumn(table);
        Jdbc.inTransaction(database, "write " + table + " of run " + runId, connection -> {
            if (replaceAll) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    delete.setLong(1, runId);
                    delete.executeUpdate();
                }
            } else {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE run_id = ? AND " + keyColumn + " = ?")) {
                    for (String key : values.keySet()) {
                        delete.setLong(1, runId);
                        delete.setString(2, key);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (run_id, " + keyColumn + ", " + valueColumn + ") VALUES (?, ?, ?)")) {
                for (Map.Entry<String, V> entry : values.entrySet()) {
                    insert.setLong(1, runId);
                    insert.setString(2, entry.getKey());
                    setter.set(insert, 3, entry.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** A run's values by key, sorted. */
    static <V> Map<String, V> read(Database database, String table, String valueColumn, long runId, Getter<V> getter) {
        String keyColumn = keyColumn(table);
        return Jdbc.withConnection(database, "read " + table + " of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + valueColumn + ", " + keyColumn
                    + " FROM " + table + " WHERE run_id = ? ORDER BY " + keyColumn)) {
                statement.setLong(1, runId);
                try (ResultSet rows = statement.executeQuery()) {
                    Map<String, V> values = new TreeMap<>();
                    while (rows.next()) {
                        values.put(rows.getString(2), getter.get(rows));
                    }
                    return values;
                }
            }
        });
    }

    private static String keyColumn(String table) {
        return "provenance".equals(table) ? "prov_key" : "name";
    }
}
