package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.Study;

/**
 * A 6-run design submitted to a real one-node Slurm as a job array: every task runs one run against
 * the shared H2 database, and every run completes with its metrics there. Needs root and Debian's
 * slurm-wlm and munge (CI installs them); skipped elsewhere.
 */
class SlurmSubmitTest {

    @Test
    void aSixRunDesignRunsAsAJobArrayIntoTheSharedDatabase(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(LocalSlurm.available(), "needs root and slurm-wlm + munge (apt-get install)");
        Path design = dir.resolve("design.json");
        Files.writeString(design, """
                {"kind": "random-pruning-scaling", "seed": 0,
                 "parameters": {"width": 0.25, "epochs": 1, "data": "embedded"},
                 "sweep": [{"parameter": "sparsity", "values": [0.0, 0.5, 0.9]},
                           {"parameter": "seed", "values": [1, 2]}],
                 "name": "slurm check", "formatVersion": 1}
                """);
        Path dbFile = dir.resolve("studio");
        try (LocalSlurm slurm = LocalSlurm.start(); Database db = Database.open(dbFile)) {
            db.migrate();
            System.setProperty(SubmitCommand.SLURM_CONF_PROPERTY, slurm.conf().toString());
            Cli.Outcome submitted;
            try {
                submitted = Cli.run("submit", design.toString(), "--slurm", "--db", dbFile.toString(),
                        "--script-dir", dir.resolve("slurm").toString());
            } finally {
                System.clearProperty(SubmitCommand.SLURM_CONF_PROPERTY);
            }
            assertEquals(0, submitted.exit(), submitted.toString());
            Study study = db.studies().list().get(0);
            String job = study.tags().stream().filter(t -> t.startsWith(SubmitCommand.JOB_TAG)).findFirst()
                    .orElseThrow(() -> new AssertionError("the study carries its job id: " + study.tags()))
                    .substring(SubmitCommand.JOB_TAG.length());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            List<RunRecord> runs = db.runs().listByStudy(study.id());
            while (!runs.stream().allMatch(r -> r.status().isFinal()) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                runs = db.runs().listByStudy(study.id());
            }
            assertEquals(6, runs.size());
            for (RunRecord r : runs) {
                assertEquals(RunStatus.COMPLETED, r.status(), () -> r + "\n" + taskLogs(dir.resolve("slurm")));
                assertFalse(db.metrics().series(r.id(), "testAccuracy").isEmpty(), "metrics of run " + r.runIndex());
                assertEquals(job, db.runs().provenance(r.id()).get("slurm.jobId"), "the task's job id in provenance");
            }
            // a task's run is final in the database a moment before its process exits and Slurm
            // has finished the task (COMPLETING): wait for the queue to empty
            long queueDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String queue = queued(slurm, job);
            while (!queue.isBlank() && System.nanoTime() < queueDeadline) {
                Thread.sleep(1000);
                queue = queued(slurm, job);
            }
            assertTrue(queue.isBlank(), "the job has left the queue: " + queue);
        }
    }

    /** What squeue lists of the job: nothing once it ended (an id Slurm has already purged counts as ended). */
    private static String queued(LocalSlurm slurm, String job) throws Exception {
        try {
            return slurm.run(List.of("squeue", "-h", "-j", job));
        } catch (java.io.IOException e) {
            if (e.getMessage().contains("Invalid job id")) {
                return "";
            }
            throw e;
        }
    }

    private static String taskLogs(Path dir) {
        try (var files = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".out")).toList()) {
                out.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
