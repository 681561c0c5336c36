package org.sparsitystudio.persistence;

import java.nio.file.Path;

/**
 * The child process of {@link KilledChildTest}: opens the database file given as its argument,
 * creates a study with one run, marks it running and writes metrics through a
 * {@link MetricWriter} until it is killed. It prints {@code RUN <id>} once, then
 * {@code COMMITTED <n>} each time the writer's committed count grows: steps 0..n-1 are committed.
 */
public final class MetricChild {

    private MetricChild() {
    }

    /** @param args the database file path */
    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(Path.of(args[0]));
        database.migrate();
        RunRecord run = database.studies().create(TestData.study("child", 1)).runs().get(0);
        database.runs().markRunning(run.id());
        System.out.println("RUN " + run.id());
        System.out.flush();
        MetricWriter writer = database.newMetricWriter();
        long printed = 0;
        for (long step = 0; ; step++) {
            writer.write(run.id(), "loss", step, 1.0 / (step + 1));
            long committed = writer.committedCount();
            if (committed != printed) {
                printed = committed;
                System.out.println("COMMITTED " + committed);
                System.out.flush();
            }
            if (step % 4 == 0) {
                Thread.sleep(1);
            }
        }
    }
}
