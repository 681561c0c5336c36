package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;

/**
 * The same migrations and repositories on a real PostgreSQL server: migrate, run a tiny design into
 * it, read it back. Needs Debian's {@code postgresql} package, which CI installs; skipped elsewhere.
 */
class PostgresTest {

    @Test
    void aTinyDesignRunsIntoPostgresAndReadsBack() throws Exception {
        Path bin = LocalPostgres.installation().orElse(null);
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (apt-get install postgresql)");
        try (LocalPostgres server = LocalPostgres.start(bin); Database db = Database.open(server.url())) {
            assertFalse(db.url().contains("password=unused"), "the password is not shown: " + db.url());
            assertTrue(db.migrate() >= 2, "every migration ran");
            assertEquals(0, db.migrate(), "and only once");
            RandomPruningKind kind = new RandomPruningKind();
            Design design = Design.of(kind.id()).withName("postgres check").withParameter("epochs", 1)
                    .withParameter("width", 0.25).withParameter("data", "embedded").withAxis("sparsity", 0.0, 0.9);
            StudyStore.Stored stored = StudyStore.store(db, new ExperimentKinds(List.of(kind)), design);
            try (StudyRecorder recorder = new StudyRecorder(db, stored.runIds());
                 RunExecutor executor = new RunExecutor(1, recorder, s -> Provenance.forRun(kind, s))) {
                assertEquals(List.of(RunStatus.COMPLETED, RunStatus.COMPLETED),
                        executor.submit(kind, stored.runs()).await());
            }
            Study study = db.studies().find(stored.study().id()).orElseThrow();
            assertEquals("postgres check", study.name());
            List<RunRecord> runs = db.runs().listByStudy(study.id());
            assertEquals(2, runs.size());
            for (RunRecord r : runs) {
                assertEquals(RunStatus.COMPLETED, r.status());
                assertTrue(db.runs().results(r.id()).get("finalTestAccuracy") > 0.3, db.runs().results(r.id()).toString());
                assertFalse(db.metrics().series(r.id(), "testAccuracy").isEmpty());
                assertEquals("EMBEDDED_SUBSET", db.runs().provenance(r.id()).get("data.kind"));
            }
            db.studies().updateTagsAndNotes(study.id(), List.of("pg"), "on PostgreSQL");
            assertEquals(List.of("pg"), db.studies().find(study.id()).orElseThrow().tags());
        }
    }
}
