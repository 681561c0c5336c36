package org.sparsitystudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.StudyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Submits a design to a Slurm cluster: stores the study and its queued runs in the shared
 * database, writes an sbatch script with one array task per run (each task runs
 * {@code run-stored STUDY --index $SLURM_ARRAY_TASK_ID} against the same database) and submits it.
 * The study is tagged with the job id, so the studio can show and cancel it.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a design (JSON) to Slurm as a job array, one task per run.")
final class SubmitCommand implements Callable<Integer> {

    /** A slurm.conf to use instead of the system's (passed to sbatch as SLURM_CONF). */
    static final String SLURM_CONF_PROPERTY = "sparsitystudio.slurmConf";

    /** The tag prefix that records a study's Slurm job id. */
    static final String JOB_TAG = "slurm-job-";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "DESIGN.json") private Path designFile;

    @Option(names = "--slurm", required = true, description = "Submit to Slurm (the only scheduler so far).")
    private boolean slurm;

    @Option(names = "--partition", description = "Slurm partition.") private String partition;

    @Option(names = "--time", description = "Time limit per task, e.g. 1:00:00.") private String time;

    @Option(names = "--mem", description = "Memory per task, e.g. 4G.") private String memory;

    @Option(names = "--cpus-per-task", defaultValue = "1", description = "CPUs per task (default: ${DEFAULT-VALUE}).")
    private int cpus;

    @Option(names = "--gpus-per-task", defaultValue = "0", description = "GPUs per task (default: ${DEFAULT-VALUE}).")
    private int gpus;

    @Option(names = "--script-dir", description = "Where the sbatch script and task logs go "
            + "(default: the run output folder's slurm/).")
    private Path scriptDir;

    @Option(names = "--dry-run", description = "Write the script and print it; store and submit nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentKinds kinds = ExperimentKinds.load();
        Design design = new DesignJson(kinds).read(designFile);
        Path dir = (scriptDir != null ? scriptDir : RunExecutor.defaultOutputRoot().resolve("slurm")).toAbsolutePath();
        Files.createDirectories(dir);
        if (dryRun) {
            int runs = org.sparsitystudio.experiments.design.Sweeps.expand(design, kinds.get(design.kind())).size();
            out.print(script(0, runs, "DATABASE-URL", dir));
            out.flush();
            return 0;
        }
        try (Database db = database.open()) {
            db.migrate();
            StudyStore.Stored stored = StudyStore.store(db, kinds, design);
            long study = stored.study().id();
            Path file = dir.resolve("study-" + study + ".sbatch");
            Files.writeString(file, script(study, stored.runs().size(), db.connectionUrl(), dir),
                    StandardCharsets.UTF_8);
            String jobId;
            try {
                jobId = sbatch(file);
            } catch (IOException e) {
                db.studies().updateTagsAndNotes(study, List.of("slurm-submit-failed"), e.getMessage());
                throw e;
            }
            List<String> tags = new ArrayList<>(stored.study().tags());
            tags.add(JOB_TAG + jobId);
            db.studies().updateTagsAndNotes(study, tags, "Slurm job " + jobId + " (" + file + ")");
            out.printf(Locale.ROOT, "study %d submitted as Slurm job %s: %d tasks, script %s%n", study, jobId,
                    stored.runs().size(), file);
            out.printf(Locale.ROOT, "follow it with 'runs %d' or in the studio; cancel with 'scancel %s'%n", study, jobId);
            out.flush();
            return 0;
        }
    }

    /** The sbatch script: one array task per run, each running this studio's own Java on its class path. */
    String script(long study, int runs, String databaseUrl, Path dir) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=sparsity-study-").append(study).append('\n');
        s.append("#SBATCH --array=0-").append(runs - 1).append('\n');
        s.append("#SBATCH --output=").append(dir).append("/study-").append(study).append("-%A_%a.out\n");
        s.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        if (partition != null) {
            s.append("#SBATCH --partition=").append(partition).append('\n');
        }
        if (time != null) {
            s.append("#SBATCH --time=").append(time).append('\n');
        }
        if (memory != null) {
            s.append("#SBATCH --mem=").append(memory).append('\n');
        }
        if (gpus > 0) {
            s.append("#SBATCH --gpus-per-task=").append(gpus).append('\n');
        }
        s.append("exec ").append(quote(java)).append(" -cp ").append(quote(classPath))
                .append(" org.sparsitystudio.app.cli.StudioCommand run-stored ").append(study)
                .append(" --index \"$SLURM_ARRAY_TASK_ID\" --db ").append(quote(databaseUrl)).append('\n');
        return s.toString();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String sbatch(Path script) throws IOException, InterruptedException {
        Process p;
        try {
            ProcessBuilder builder = new ProcessBuilder("sbatch", "--parsable", script.toString()).redirectErrorStream(true);
            String conf = System.getProperty(SLURM_CONF_PROPERTY);
            if (conf != null) {
                builder.environment().put("SLURM_CONF", conf);
            }
            p = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run sbatch (is Slurm installed and on the PATH?): " + e.getMessage(), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("sbatch refused the job: " + output);
        }
        // --parsable prints "jobid" or "jobid;cluster"
        return output.lines().reduce((a, b) -> b).orElse(output).split(";")[0].trim();
    }
}
