package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.RunStatus;

class RunRepositoryTest {

    @TempDir
    Path dir;
    Database database;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T10:00:00Z"));

    @BeforeEach
    void open() {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        database = Database.open(Database.urlFor(dir.resolve("studio")), "sa", "", clock);
        database.migrate();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long queuedRun() {
        return database.studies().create(TestData.study("s", 1)).runs().get(0).id();
    }

    @Test
    void aRunStartsAndCompletesWithTimestampsAndOwner() {
        long id = queuedRun();

        RunRecord running = database.runs().markRunning(id);
        assertEquals(RunStatus.RUNNING, running.status());
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), running.startedAt());
        assertNull(running.endedAt());
        assertEquals(ProcessOwner.current(), running.owner());

        now.set(Instant.parse("2025-03-01T10:05:00Z"));
        RunRecord done = database.runs().finish(id, RunStatus.COMPLETED, null);
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), done.startedAt());
        assertEquals(Instant.parse("2025-03-01T10:05:00Z"), done.endedAt());
        assertEquals(done, database.runs().find(id).orElseThrow());
    }

    @Test
    void aFailedRunKeepsItsErrorAndMayBeQueuedAgain() {
        long id = queuedRun();
        database.runs().markRunning(id);
        String trace = "java.lang.IllegalStateException: boom\n\tat Somewhere.run(Somewhere.java:1)\n".repeat(200);

        RunRecord failed = database.runs().finish(id, RunStatus.FAILED, trace);
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals(trace, failed.error(), "long errors fit");

        RunRecord again = database.runs().requeue(id);
        assertEquals(RunStatus.QUEUED, again.status());
        assertNull(again.error());
        assertNull(again.startedAt());
        assertNull(again.endedAt());
    }

    @Test
    void forbiddenTransitionsAreRefusedAndChangeNothing() {
        long id = queuedRun();
        assertThrows(IllegalStateException.class, () -> database.runs().finish(id, RunStatus.COMPLETED, null),
                "a queued run cannot complete");
        assertThrows(IllegalArgumentException.class, () -> database.runs().finish(id, RunStatus.RUNNING, null));
        database.runs().markRunning(id);
        assertThrows(IllegalStateException.class, () -> database.runs().markRunning(id),
                "a run cannot be started twice (by two processes)");
        database.runs().finish(id, RunStatus.COMPLETED, null);
        assertThrows(IllegalStateException.class, () -> database.runs().requeue(id), "completed is final");
        assertEquals(RunStatus.COMPLETED, database.runs().find(id).orElseThrow().status());
        assertThrows(PersistenceException.class, () -> database.runs().markRunning(12345));
    }

    @Test
    void aQueuedRunCanBeCancelledAndRunsAreListedByStatus() {
        List<RunRecord> runs = database.studies().create(TestData.study("s", 3)).runs();
        database.runs().finish(runs.get(0).id(), RunStatus.CANCELLED, null);
        database.runs().markRunning(runs.get(1).id());

        assertEquals(List.of(runs.get(0).id()), ids(database.runs().listByStatus(RunStatus.CANCELLED)));
        assertEquals(List.of(runs.get(1).id()), ids(database.runs().listByStatus(RunStatus.RUNNING)));
        assertEquals(List.of(runs.get(2).id()), ids(database.runs().listByStatus(RunStatus.QUEUED)));
    }

    @Test
    void everyAllowedTransitionIsFromTheLifeCycle() {
        for (RunStatus from : RunStatus.values()) {
            for (RunStatus to : RunStatus.values()) {
                if (Transitions.allowed(from, to)) {
                    assertTrue(from != to, from + " to itself");
                    assertTrue(from != RunStatus.COMPLETED, "completed is final, not " + to);
                }
            }
        }
    }

    @Test
    void resultsAndProvenanceRoundTrip() {
        long id = queuedRun();
        database.runs().putResults(id, Map.of("accuracy", 0.875, "loss", Double.NaN));
        database.runs().putResults(id, Map.of("accuracy", 0.9, "flops", 1.5e9));
        assertEquals(Map.of("accuracy", 0.9, "flops", 1.5e9, "loss", Double.NaN), database.runs().results(id));

        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("jvm", "17.0.15");
        provenance.put("design", "{\"sparsity\": [0.5, 0.9]}");
        provenance.put("backend", "cpu");
        provenance.put("unset", null);
        database.runs().writeProvenance(id, provenance);
        assertEquals(new HashMap<>(provenance), new HashMap<>(database.runs().provenance(id)));
        assertEquals(List.of("backend", "design", "jvm", "unset"), List.copyOf(database.runs().provenance(id).keySet()));

        database.runs().writeProvenance(id, Map.of("backend", "cuda"));
        assertEquals(Map.of("backend", "cuda"), database.runs().provenance(id), "provenance is replaced whole");
    }

    @Test
    void runTagsAndNotes() {
        long id = queuedRun();
        database.runs().updateTagsAndNotes(id, List.of("outlier"), "lr too high");
        RunRecord run = database.runs().find(id).orElseThrow();
        assertEquals(List.of("outlier"), run.tags());
        assertEquals("lr too high", run.notes());
        assertNotNull(run.createdAt());
        assertTrue(Duration.between(run.createdAt(), now.get()).isZero());
    }

    private static List<Long> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::id).toList();
    }
}
