package org.sparsitystudio.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunListener;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.RunSpec;

/**
 * Writes a study's run events into the database: status transitions, metrics through a batching
 * {@link MetricWriter} (committed at least once a second), results, provenance and artifacts
 * (with their SHA-256 and size, through {@link ArtifactStore}). Results are kept in memory until
 * the run ends and stored with its final status; artifacts are recorded at once, so that a
 * checkpoint stays on record even if its run later fails.
 */
public final class StudyRecorder implements RunListener, AutoCloseable {

    private final Database database;
    private final Map<Integer, Long> runIds;
    private final MetricWriter metrics;
    private final Map<Integer, Map<String, Double>> results = new ConcurrentHashMap<>();

    /**
     * @param runIds the database id of each run, by its index in the study
     */
    public StudyRecorder(Database database, Map<Integer, Long> runIds) {
        this.database = database;
        this.runIds = Map.copyOf(runIds);
        this.metrics = database.newMetricWriter();
    }

    private long id(RunSpec run) {
        Long id = runIds.get(run.index());
        if (id == null) {
            throw new IllegalArgumentException("run " + run.index() + " is not part of this study");
        }
        return id;
    }

    @Override
    public void started(RunSpec run, Provenance provenance) {
        database.runs().markRunning(id(run));
        database.runs().writeProvenance(id(run), provenance.entries());
    }

    @Override
    public void metric(RunSpec run, String name, long step, double value, long wallMillis) {
        metrics.write(id(run), name, step, value);
    }

    @Override
    public void artifact(RunSpec run, String kind, java.nio.file.Path file) {
        database.artifacts().record(id(run), kind, file);
    }

    @Override
    public void log(RunSpec run, String line) {
        database.logs().append(id(run), line);
    }

    @Override
    public void result(RunSpec run, String name, double value) {
        results.computeIfAbsent(run.index(), i -> new ConcurrentHashMap<>()).put(name, value);
    }

    @Override
    public void finished(RunSpec run, RunStatus status, String error, Provenance provenance) {
        metrics.flush();
        long id = id(run);
        Map<String, Double> values = results.remove(run.index());
        if (values != null && !values.isEmpty()) {
            database.runs().putResults(id, values);
        }
        database.runs().writeProvenance(id, provenance.entries());
        if (error != null) {
            database.logs().append(id, status.name().toLowerCase(java.util.Locale.ROOT) + ": " + error);
        }
        database.runs().finish(id, status, error);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
