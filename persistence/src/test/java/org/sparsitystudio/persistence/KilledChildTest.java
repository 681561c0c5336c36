package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.RunStatus;

/**
 * The crash test: a real child JVM writes metrics into an H2 file and is killed with SIGKILL.
 * While it lives, this JVM shares the file with it (H2's automatic mixed mode) and must leave its
 * run alone; after the kill the file opens cleanly, holds every metric the child reported
 * committed, and recovery marks the run interrupted.
 */
class KilledChildTest {

    private static final long ENOUGH = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aKilledWriterLosesNothingItCommittedAndItsRunBecomesInterrupted() throws Exception {
        Path file = dir.resolve("studio");
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), MetricChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicLong runId = new AtomicLong(-1);
        AtomicLong committed = new AtomicLong(0);
        Thread reader = new Thread(() -> readReports(child, runId, committed), "child-stdout");
        reader.start();
        try {
            waitFor(() -> committed.get() >= ENOUGH || !child.isAlive(), Duration.ofSeconds(60));
            assertTrue(child.isAlive(), "the child died on its own");

            try (Database shared = Database.open(file)) {
                RunRecord run = shared.runs().find(runId.get()).orElseThrow();
                assertEquals(RunStatus.RUNNING, run.status(), "the child's run, seen from this process");
                assertEquals(child.pid(), run.owner().pid());
                assertTrue(shared.metrics().count(run.id()) >= ENOUGH, "the child's metrics, seen from here");
                assertEquals(List.of(), shared.recoverInterrupted(), "a live child's run is left alone");
                assertEquals(RunStatus.RUNNING, shared.runs().find(run.id()).orElseThrow().status());
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
        }
        long reported = committed.get();
        assertTrue(reported >= ENOUGH);

        try (Database reopened = Database.open(file)) {
            assertEquals(0, reopened.migrate(), "the file opens cleanly, already migrated");
            long stored = reopened.metrics().count(runId.get());
            assertTrue(stored >= reported, stored + " stored but " + reported + " reported committed");
            List<MetricPoint> series = reopened.metrics().series(runId.get(), "loss");
            for (int i = 0; i < reported; i++) {
                assertEquals(i, series.get(i).step(), "no gap before the last committed step");
            }

            List<RunRecord> recovered = reopened.recoverInterrupted();
            assertEquals(List.of(runId.get()), recovered.stream().map(RunRecord::id).toList());
            assertEquals(RunStatus.INTERRUPTED, reopened.runs().find(runId.get()).orElseThrow().status());
        }
    }

    private static void readReports(Process child, AtomicLong runId, AtomicLong committed) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RUN ")) {
                    runId.set(Long.parseLong(line.substring(4).trim()));
                } else if (line.startsWith("COMMITTED ")) {
                    committed.accumulateAndGet(Long.parseLong(line.substring(10).trim()), Math::max);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // the child was killed mid-line: what was read counts
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
