package org.sparsitystudio.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Records the files runs produce: path, checksum and size (the files stay on disk). */
public final class ArtifactStore {

    private final Database database;

    ArtifactStore(Database database) {
        this.database = database;
    }

    /** Records an existing file, computing its SHA-256 and size. */
    public Artifact record(long runId, String kind, Path file) {
        try {
            return record(runId, kind, file.toString(), sha256(file), Files.size(file));
        } catch (IOException e) {
            throw new PersistenceException("Cannot read artifact " + file, e);
        }
    }

    /** Records an artifact whose checksum and size the caller already knows. */
    public Artifact record(long runId, String kind, String path, String sha256, long bytes) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Instant now = database.clock().instant();
        return Jdbc.withConnection(database, "record artifact " + path, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO artifacts (run_id, kind, path, sha256, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                statement.setLong(1, runId);
                statement.setString(2, kind);
                statement.setString(3, path);
                statement.setString(4, sha256);
                statement.setLong(5, bytes);
                Jdbc.setInstant(statement, 6, now);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    return list(connection.prepareStatement("SELECT id, run_id, kind, path, sha256, size_bytes, created_at"
                            + " FROM artifacts WHERE id = " + keys.getLong(1))).get(0);
                }
            }
        });
    }

    /** A run's artifacts in the order they were recorded. */
    public List<Artifact> list(long runId) {
        return Jdbc.withConnection(database, "list artifacts of run " + runId, connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, run_id, kind, path, sha256, size_bytes, created_at FROM artifacts WHERE run_id = ? ORDER BY id");
            statement.setLong(1, runId);
            return list(statement);
        });
    }

    /** Every artifact of {@code kind} (e.g. "checkpoint") of every run, newest first. */
    public List<Artifact> listByKind(String kind) {
        return Jdbc.withConnection(database, "list artifacts of kind " + kind, connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, run_id, kind, path, sha256, size_bytes, created_at FROM artifacts WHERE kind = ? "
                            + "ORDER BY id DESC");
            statement.setString(1, kind);
            return list(statement);
        });
    }

    private static List<Artifact> list(PreparedStatement statement) throws SQLException {
        try (statement; ResultSet rows = statement.executeQuery()) {
            List<Artifact> artifacts = new ArrayList<>();
            while (rows.next()) {
                artifacts.add(new Artifact(rows.getLong("id"), rows.getLong("run_id"), rows.getString("kind"),
                        rows.getString("path"), rows.getString("sha256"), rows.getLong("size_bytes"),
                        Jdbc.getInstant(rows, "created_at")));
            }
            return artifacts;
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
