package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;

/** Ctrl-C on a real headless run: the process stops, and its runs are stored as cancelled. */
class CtrlCTest {

    @Test
    void interruptCancelsTheRunningAndQueuedRuns(@TempDir Path dir) throws Exception {
        Path design = dir.resolve("long.json");
        Files.writeString(design, """
                {"kind": "random-pruning-scaling",
                 "parameters": {"epochs": 200, "data": "embedded", "width": 0.25},
                 "sweep": [{"parameter": "sparsity", "values": [0.0, 0.5]}]}
                """);
        Path db = dir.resolve("studio");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StudioCommand.class.getName(), "run", design.toString(), "--db",
                db.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("study ")) {
                // wait until the study is stored and the first run is starting
            }
            Thread.sleep(3000);
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run stopped after Ctrl-C");
        } finally {
            child.destroyForcibly();
        }
        try (Database database = Database.open(db)) {
            List<RunRecord> runs = database.runs().listByStudy(1);
            assertEquals(List.of(RunStatus.CANCELLED, RunStatus.CANCELLED), runs.stream().map(RunRecord::status).toList());
            assertTrue(database.runs().provenance(runs.get(0).id()).containsKey("endedAt"));
        }
    }
}
