package org.sparsitystudio.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.MetricSpec;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;

/** A run that reports a file ends with that file on record, checksum included, in a real H2 file. */
class StudyRecorderArtifactTest {

    /** Writes one small file into its output folder and reports it, as a checkpointing kind would. */
    private static final class WritesAFile implements ExperimentKind {
        @Override
        public String id() {
            return "writes-a-file";
        }

        @Override
        public String title() {
            return "Writes a file";
        }

        @Override
        public String description() {
            return "";
        }

        @Override
        public String paper() {
            return "";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public List<MetricSpec> metrics() {
            return List.of();
        }

        @Override
        public List<ChartSpec> charts() {
            return List.of();
        }

        @Override
        public RunResult run(RunSpec spec, RunContext context) throws Exception {
            Path file = Files.writeString(context.outputDirectory().resolve("model.bin"), "abc", StandardCharsets.US_ASCII);
            context.artifact("checkpoint", file);
            return RunResult.empty();
        }
    }

    @Test
    void aReportedFileIsRecordedWithItsChecksum(@TempDir Path dir) throws Exception {
        WritesAFile kind = new WritesAFile();
        RunSpec run = new RunSpec(kind.id(), 0, Map.of(), 7, "seed 7");
        Path outputs = dir.resolve("outputs");
        try (Database db = TestData.migrated(dir)) {
            CreatedStudy study = db.studies().create(new NewStudy("artifact test", kind.id(), "{}", List.of(), "",
                    List.of(new NewRun(0, run.displayName(), run.seed(), "{}"))));
            long id = study.runs().get(0).id();
            try (StudyRecorder recorder = new StudyRecorder(db, Map.of(0, id));
                 RunExecutor executor = new RunExecutor(1, recorder, s -> Provenance.of(Map.of()), outputs)) {
                assertEquals(List.of(RunStatus.COMPLETED), executor.submit(kind, List.of(run)).await());
            }
            List<Artifact> artifacts = db.artifacts().list(id);
            assertEquals(1, artifacts.size(), artifacts.toString());
            Artifact artifact = artifacts.get(0);
            assertEquals("checkpoint", artifact.kind());
            // the SHA-256 of "abc"
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", artifact.sha256());
            assertEquals(3, artifact.bytes());
            Path stored = Path.of(artifact.path());
            assertTrue(stored.isAbsolute() && stored.startsWith(outputs.toAbsolutePath()), stored.toString());
            assertEquals(stored.getParent().toString(), db.runs().provenance(id).get("outputDirectory"));
        }
    }
}
