package org.sparsitystudio.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes metrics in batches: {@link #write} only buffers; a daemon flusher commits the buffer
 * every {@link #DEFAULT_INTERVAL} (so a crash loses at most about a second of metrics), and a
 * full batch is committed at once by the writing thread. Order is kept: everything written
 * before a point is committed no later than that point.
 *
 * <p>Thread-safe (meant for one writing thread plus the flusher). A failed commit keeps its
 * points buffered and is reported by the next {@link #write}, {@link #flush} or {@link #close}.
 */
public final class MetricWriter implements AutoCloseable {

    /** How often the flusher commits. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    /** A batch this large is committed at once by the writer. */
    public static final int DEFAULT_MAX_BATCH = 2_000;

    private static final String INSERT =
            "INSERT INTO metrics (run_id, name, step, metric_value, wall_time_ms) VALUES (?, ?, ?, ?, ?)";

    private record Pending(long runId, String name, long step, double value, long wallTimeMillis) {
    }

    private final Database database;
    private final Clock clock;
    private final int maxBatch;
    private final Object bufferLock = new Object();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;
    private final AtomicLong committed = new AtomicLong();
    private List<Pending> buffer = new ArrayList<>();
    private Connection connection;
    private volatile PersistenceException failure;
    private volatile boolean closed;

    MetricWriter(Database database, Duration interval, int maxBatch) {
        this.database = database;
        this.clock = database.clock();
        this.maxBatch = maxBatch;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "metric-flusher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushInBackground, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Buffers one value, stamped now.
     *
     * @throws PersistenceException if an earlier commit failed
     * @throws IllegalStateException if the writer is closed
     */
    public void write(long runId, String name, long step, double value) {
        if (closed) {
            throw new IllegalStateException("The metric writer is closed");
        }
        rethrowFailure();
        int size;
        synchronized (bufferLock) {
            buffer.add(new Pending(runId, name, step, value, clock.millis()));
            size = buffer.size();
        }
        if (size >= maxBatch) {
            flush();
        }
    }

    /** Commits everything buffered so far; on return it is in the database. */
    public void flush() {
        synchronized (flushLock) {
            commitBuffered();
        }
        rethrowFailure();
    }

    /** How many values have been committed since this writer was made. */
    public long committedCount() {
        return committed.get();
    }

    /** Stops the flusher, commits what is left and releases the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } finally {
            synchronized (flushLock) {
                closeConnection();
            }
        }
    }

    private void flushInBackground() {
        synchronized (flushLock) {
            commitBuffered();
        }
    }

    /** Called holding {@link #flushLock}: takes the buffer and commits it in one transaction. */
    private void commitBuffered() {
        List<Pending> batch;
        synchronized (bufferLock) {
            if (buffer.isEmpty()) {
                return;
            }
            batch = buffer;
            buffer = new ArrayList<>();
        }
        try {
            insert(batch);
            committed.addAndGet(batch.size());
            failure = null;
        } catch (SQLException e) {
            synchronized (bufferLock) {
                batch.addAll(buffer);
                buffer = batch;
            }
            closeConnection();
            failure = new PersistenceException("Could not commit " + batch.size() + " metric values", e);
        }
    }

    private void insert(List<Pending> batch) throws SQLException {
        if (connection == null) {
            connection = database.connection();
            connection.setAutoCommit(false);
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (Pending point : batch) {
                statement.setLong(1, point.runId());
                statement.setString(2, point.name());
                statement.setLong(3, point.step());
                statement.setDouble(4, point.value());
                statement.setLong(5, point.wallTimeMillis());
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            Jdbc.rollbackQuietly(connection, e);
            throw e;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is dropped either way
            }
            connection = null;
        }
    }

    private void rethrowFailure() {
        PersistenceException current = failure;
        if (current != null) {
            throw current;
        }
    }
}
