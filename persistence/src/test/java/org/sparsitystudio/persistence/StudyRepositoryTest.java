package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.RunStatus;

class StudyRepositoryTest {

    @TempDir
    Path dir;
    Database database;

    @BeforeEach
    void open() {
        database = TestData.migrated(dir);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createsAStudyWithItsQueuedRuns() {
        CreatedStudy created = database.studies().create(TestData.study("sweep", 3));

        Study study = created.study();
        assertEquals("sweep", study.name());
        assertEquals("random-pruning-scaling", study.kindId());
        assertEquals("{\"kind\": \"random-pruning-scaling\"}", study.designJson());
        assertEquals(List.of("demo"), study.tags());
        assertNotNull(study.createdAt());
        assertEquals(3, created.runs().size());
        for (int i = 0; i < 3; i++) {
            RunRecord run = created.runs().get(i);
            assertEquals(i, run.runIndex());
            assertEquals(study.id(), run.studyId());
            assertEquals(RunStatus.QUEUED, run.status());
            assertEquals(100 + i, run.seed());
            assertEquals("run " + i, run.name());
            assertEquals(null, run.startedAt());
            assertEquals(null, run.owner());
        }
        assertEquals(created.runs(), database.runs().listByStudy(study.id()));
        assertEquals(study, database.studies().find(study.id()).orElseThrow());
    }

    @Test
    void aFailingRunInsertRollsTheWholeStudyBack() {
        database.studies().create(TestData.study("before", 1));
        NewStudy broken = new NewStudy("broken", "k", "{}", List.of(), null, List.of(
                new NewRun(0, "a", 1, "{}"), new NewRun(1, "b", 2, "{}"), new NewRun(1, "duplicate index", 3, "{}")));

        assertThrows(PersistenceException.class, () -> database.studies().create(broken));

        List<Study> studies = database.studies().list();
        assertEquals(1, studies.size());
        assertEquals("before", studies.get(0).name());
        assertEquals(1, database.runs().listByStatus(RunStatus.QUEUED).size(), "no run of the broken study is left");
    }

    @Test
    void listsNewestFirstAndUpdatesTagsAndNotes() {
        long first = database.studies().create(TestData.study("first", 1)).study().id();
        long second = database.studies().create(TestData.study("second", 0)).study().id();
        assertEquals(List.of(second, first), database.studies().list().stream().map(Study::id).toList());

        database.studies().updateTagsAndNotes(first, List.of("zeta", " alpha ", "zeta", ""), "better notes");
        Study updated = database.studies().find(first).orElseThrow();
        assertEquals(List.of("alpha", "zeta"), updated.tags());
        assertEquals("better notes", updated.notes());

        assertThrows(IllegalArgumentException.class,
                () -> database.studies().updateTagsAndNotes(first, List.of("a,b"), null));
        assertThrows(PersistenceException.class, () -> database.studies().updateTagsAndNotes(999, List.of(), null));
        assertTrue(database.studies().find(999).isEmpty());
    }

    @Test
    void deletingAStudyDeletesItsRunsAndTheirData() {
        CreatedStudy created = database.studies().create(TestData.study("gone", 2));
        long runId = created.runs().get(0).id();
        database.runs().putResults(runId, java.util.Map.of("accuracy", 0.9));

        assertTrue(database.studies().delete(created.study().id()));

        assertTrue(database.runs().find(runId).isEmpty());
        assertTrue(database.runs().results(runId).isEmpty());
        assertFalse(database.studies().delete(created.study().id()));
    }
}
