package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.RunSpec;

/** A real study, run by the executor, recorded into a real H2 file. */
class StudyRecorderTest {

    @Test
    void recordsStatusesMetricsResultsAndProvenance(@TempDir Path dir) throws Exception {
        RandomPruningKind kind = new RandomPruningKind();
        // the second run looks for the full data set where there is none and fails
        Design design = Design.of(RandomPruningKind.ID).withParameter("epochs", 1).withParameter("width", 0.25)
                .withParameter("sparsity", 0.5)
                .withAxis("data", "embedded", "auto");
        String missing = dir.resolve("no-such-data").toString();
        System.setProperty("sparsitystudio.fashionMnist", missing);
        List<RunSpec> runs = Sweeps.expand(design, kind);
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            List<NewRun> newRuns = runs.stream().map(r -> new NewRun(r.index(), r.displayName(), r.seed(), "{}")).toList();
            CreatedStudy study = db.studies().create(new NewStudy("recorder test", kind.id(), "{}", List.of(), "", newRuns));
            Map<Integer, Long> ids = new HashMap<>();
            study.runs().forEach(r -> ids.put(r.runIndex(), r.id()));
            try (StudyRecorder recorder = new StudyRecorder(db, ids);
                 RunExecutor executor = new RunExecutor(1, recorder, s -> Provenance.forRun(kind, s))) {
                assertEquals(List.of(RunStatus.COMPLETED, RunStatus.FAILED), executor.submit(kind, runs).await());
            } finally {
                System.clearProperty("sparsitystudio.fashionMnist");
            }
            long good = ids.get(0);
            long bad = ids.get(1);
            assertEquals(RunStatus.COMPLETED, db.runs().find(good).orElseThrow().status());
            assertEquals(List.of(1L), db.metrics().series(good, "testAccuracy").stream().map(MetricPoint::step).toList());
            assertTrue(db.runs().results(good).get("finalTestAccuracy") > 0.5, db.runs().results(good).toString());
            Map<String, String> provenance = db.runs().provenance(good);
            assertEquals("EMBEDDED_SUBSET", provenance.get("data.kind"));
            assertEquals("0.5", provenance.get("param.sparsity"));
            assertTrue(provenance.containsKey("startedAt") && provenance.containsKey("endedAt"), provenance.toString());

            RunRecord failed = db.runs().find(bad).orElseThrow();
            assertEquals(RunStatus.FAILED, failed.status());
            assertTrue(failed.error().contains(missing), "the error names the missing directory: " + failed.error());
            assertTrue(db.runs().provenance(bad).containsKey("endedAt"), "failed runs keep their provenance");
            assertTrue(db.logs().lines(good).stream().anyMatch(l -> l.startsWith("data: ")), db.logs().lines(good).toString());
            List<String> badLog = db.logs().lines(bad);
            assertTrue(badLog.get(badLog.size() - 1).startsWith("failed: ") && badLog.get(badLog.size() - 1).contains(missing),
                    badLog.toString());
        }
    }
}
