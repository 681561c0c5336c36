package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.RunStatus;

/** Recovery in one JVM, with owners written by hand; the real crash is in {@link KilledChildTest}. */
class RecoveryTest {

    @TempDir
    Path dir;
    Database database;
    List<RunRecord> runs;
    final ProcessOwner me = ProcessOwner.current();

    @BeforeEach
    void open() {
        database = TestData.migrated(dir);
        runs = database.studies().create(TestData.study("s", 6)).runs();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void onlyRunsOfDeadProcessesBecomeInterrupted() throws Exception {
        long ours = runs.get(0).id();
        database.runs().markRunning(ours);
        long deadProcess = runs.get(1).id();
        own(deadProcess, new ProcessOwner(deadPid(), me.host(), "dead-token", null));
        long liveSibling = runs.get(2).id();
        own(liveSibling, new ProcessOwner(me.pid(), me.host(), "another-jvm-token", me.startedAtMillis()));
        long otherHost = runs.get(3).id();
        own(otherHost, new ProcessOwner(1, "some-cluster-node-that-is-not-this-one", "remote", null));
        long recycledPid = runs.get(4).id();
        own(recycledPid, new ProcessOwner(me.pid(), me.host(), "old-token",
                me.startedAtMillis() == null ? null : me.startedAtMillis() - 3_600_000));
        long queued = runs.get(5).id();

        List<RunRecord> recovered = database.recoverInterrupted();

        List<Long> expected = me.startedAtMillis() == null ? List.of(deadProcess) : List.of(deadProcess, recycledPid);
        assertEquals(expected, recovered.stream().map(RunRecord::id).toList());
        for (RunRecord run : recovered) {
            assertEquals(RunStatus.INTERRUPTED, run.status());
            assertNotNull(run.endedAt());
            assertTrue(run.error().startsWith(Recovery.MESSAGE), run.error());
        }
        for (long live : List.of(ours, liveSibling, otherHost)) {
            assertEquals(RunStatus.RUNNING, database.runs().find(live).orElseThrow().status(), "run " + live);
        }
        assertEquals(RunStatus.QUEUED, database.runs().find(queued).orElseThrow().status());
        assertEquals(List.of(), database.recoverInterrupted(), "a second recovery finds nothing");

        RunRecord resumed = database.runs().markRunning(deadProcess);
        assertEquals(me, resumed.owner(), "an interrupted run can be started again");
    }

    @Test
    void aRunningRunWithoutOwnerCountsAsOrphaned() throws SQLException {
        long id = runs.get(0).id();
        database.runs().markRunning(id);
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE runs SET owner_token = NULL, owner_pid = NULL, owner_host = NULL WHERE id = ?")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
        assertEquals(List.of(id), database.recoverInterrupted().stream().map(RunRecord::id).toList());
    }

    private void own(long runId, ProcessOwner owner) throws SQLException {
        database.runs().markRunning(runId);
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE runs SET owner_pid = ?, owner_host = ?, owner_token = ?, owner_started_at = ? WHERE id = ?")) {
            statement.setLong(1, owner.pid());
            statement.setString(2, owner.host());
            statement.setString(3, owner.token());
            if (owner.startedAtMillis() == null) {
                statement.setNull(4, Types.BIGINT);
            } else {
                statement.setLong(4, owner.startedAtMillis());
            }
            statement.setLong(5, runId);
            statement.executeUpdate();
        }
    }

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        return process.pid();
    }
}
