package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricWriterTest {

    @TempDir
    Path dir;
    Database database;
    long runId;

    @BeforeEach
    void open() {
        database = TestData.migrated(dir);
        runId = database.studies().create(TestData.study("s", 1)).runs().get(0).id();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void metricsAreCommittedWithinAboutASecondWithoutAnExplicitFlush() throws InterruptedException {
        try (MetricWriter writer = database.newMetricWriter()) {
            for (int step = 0; step < 10; step++) {
                writer.write(runId, "loss", step, 1.0 / (step + 1));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (database.metrics().count(runId) < 10 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(10, database.metrics().count(runId), "the flusher committed them (read on another connection)");
            assertEquals(10, writer.committedCount());
        }
    }

    @Test
    void seriesAreReadByNameInStepOrder() {
        try (MetricWriter writer = database.newMetricWriter()) {
            for (long step : new long[] {5, 1, 3}) {
                writer.write(runId, "accuracy", step, step / 10.0);
            }
            writer.write(runId, "loss", 0, 2.5);
            writer.flush();
            assertEquals(4, writer.committedCount());
        }
        List<MetricPoint> accuracy = database.metrics().series(runId, "accuracy");
        assertEquals(List.of(1L, 3L, 5L), accuracy.stream().map(MetricPoint::step).toList());
        assertEquals(0.3, accuracy.get(1).value());
        assertEquals(List.of(5L), database.metrics().series(runId, "accuracy", 3).stream().map(MetricPoint::step).toList());
        assertEquals(List.of("accuracy", "loss"), database.metrics().names(runId));
        assertTrue(accuracy.get(0).wallTime().toEpochMilli() > 0);
    }

    @Test
    void manyValuesFromAWriterThreadAreAllCommittedByClose() throws InterruptedException {
        int total = 25_000;
        MetricWriter writer = database.newMetricWriter();
        Thread worker = new Thread(() -> LongStream.range(0, total).forEach(step -> writer.write(runId, "loss", step, step)));
        worker.start();
        worker.join();
        writer.close();

        assertEquals(total, writer.committedCount());
        List<MetricPoint> series = database.metrics().series(runId, "loss");
        assertEquals(total, series.size());
        for (int i = 0; i < total; i++) {
            assertEquals(i, series.get(i).step());
        }
        assertThrows(IllegalStateException.class, () -> writer.write(runId, "loss", 0, 0));
        writer.close();
    }

    @Test
    void aFailedCommitIsReportedAndItsValuesKept() {
        MetricWriter writer = database.newMetricWriter();
        writer.write(424242, "loss", 0, 1.0);
        assertThrows(PersistenceException.class, writer::flush, "no such run: the foreign key refuses it");
        assertThrows(PersistenceException.class, writer::close);
        assertEquals(0, writer.committedCount());
    }
}
