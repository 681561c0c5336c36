package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsitystudio.app.study.StoredStudy;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunListeners;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.StudyRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs one queued run of a stored study and records it: what each task of a Slurm job array does
 * on its node. A run that already completed is left alone, so a requeued task does no harm; the
 * Slurm job and task ids (from the environment) go into the run's provenance.
 */
@Command(name = "run-stored", mixinStandardHelpOptions = true,
        description = "Run one run of a stored study (the worker of 'submit --slurm').")
final class RunStoredCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "STUDY") private long studyId;

    @Option(names = "--index", required = true, description = "The run's position in the study's sweep.")
    private int index;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            StoredStudy stored = StoredStudy.load(db, studyId);
            ExperimentKind kind = ExperimentKinds.load().get(stored.study().kindId());
            RunSpec run = stored.spec(kind, index);
            RunRecord record = stored.runs().stream().filter(r -> r.runIndex() == index).findFirst().orElseThrow();
            if (record.status() == RunStatus.COMPLETED) {
                out.printf(Locale.ROOT, "run %d of study %d already completed; nothing to do%n", index, studyId);
                out.flush();
                return 0;
            }
            if (record.status() == RunStatus.RUNNING) {
                throw new IllegalStateException("run " + index + " of study " + studyId + " is running already ("
                        + (record.owner() == null ? "owner unknown" : record.owner()) + "); not starting it twice");
            }
            if (record.status() != RunStatus.QUEUED && record.status() != RunStatus.INTERRUPTED) {
                // a requeued Slurm task after a failure or a cancel: run it again from the start
                db.runs().requeue(record.id());
            }
            String jobId = System.getenv("SLURM_ARRAY_JOB_ID");
            String taskId = System.getenv("SLURM_ARRAY_TASK_ID");
            RunStatus status;
            try (StudyRecorder recorder = new StudyRecorder(db, Map.of(index, record.id()));
                 RunExecutor executor = new RunExecutor(1, RunListeners.of(recorder), s -> {
                     Provenance p = Provenance.forRun(kind, s);
                     return jobId == null ? p : p.with("slurm.jobId", jobId).with("slurm.taskId", String.valueOf(taskId));
                 })) {
                RunExecutor.StudyHandle handle = executor.submit(kind, List.of(run));
                try (CtrlC ctrlC = CtrlC.onInterrupt(handle::cancel)) {
                    status = handle.await().get(0);
                }
            }
            out.printf(Locale.ROOT, "run %d of study %d: %s%n", index, studyId, status.name().toLowerCase(Locale.ROOT));
            out.flush();
            return status == RunStatus.COMPLETED ? 0 : RunCommand.EXIT_SOME_FAILED;
        }
    }
}
