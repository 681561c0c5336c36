package org.sparsitystudio.persistence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures: a migrated database file in a temporary folder and small studies. */
final class TestData {

    private TestData() {
    }

    /** Opens and migrates a database file {@code studio} in {@code dir}. */
    static Database migrated(Path dir) {
        Database database = Database.open(dir.resolve("studio"));
        database.migrate();
        return database;
    }

    /** A study of {@code runs} runs with indices 0.. and seeds 100.. */
    static NewStudy study(String name, int runs) {
        List<NewRun> list = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            list.add(new NewRun(i, "run " + i, 100 + i, "{\"sparsity\": " + (i / 10.0) + "}"));
        }
        return new NewStudy(name, "random-pruning-scaling", "{\"kind\": \"random-pruning-scaling\"}",
                List.of("demo"), "first try", list);
    }
}
