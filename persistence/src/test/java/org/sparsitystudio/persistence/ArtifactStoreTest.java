package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    @TempDir
    Path dir;

    @Test
    void recordsAFileWithItsChecksumAndSize() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        try (Database database = TestData.migrated(dir)) {
            long runId = database.studies().create(TestData.study("s", 1)).runs().get(0).id();

            Artifact artifact = database.artifacts().record(runId, "export", file);
            Artifact known = database.artifacts().record(runId, "checkpoint", "ckpt/0.bin", "00".repeat(32), 42);

            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", artifact.sha256());
            assertEquals(3, artifact.bytes());
            assertEquals(file.toString(), artifact.path());
            assertEquals(List.of(artifact, known), database.artifacts().list(runId));
            Artifact newer = database.artifacts().record(runId, "checkpoint", "ckpt/1.bin", "11".repeat(32), 43);
            assertEquals(List.of(newer, known), database.artifacts().listByKind("checkpoint"), "newest first, one kind");
        }
    }
}
