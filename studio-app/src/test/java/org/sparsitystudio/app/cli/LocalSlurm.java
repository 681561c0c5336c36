package org.sparsitystudio.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real one-node Slurm (Debian's slurm-wlm and munge) for a test, as ../shared/SLURM-NOTES.md
 * found it works here: munged with a key, a slurm.conf in a temporary folder, slurmctld and slurmd
 * started with it, the node idle before use; both daemons shut down on close.
 */
final class LocalSlurm implements AutoCloseable {

    private final Path dir;
    private final Path conf;
    private final Process munged;

    private LocalSlurm(Path dir, Path conf, Process munged) {
        this.dir = dir;
        this.conf = conf;
        this.munged = munged;
    }

    /** Whether the daemons are installed and this process may start them (root). */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/slurmctld"))
                && Files.isExecutable(Path.of("/usr/sbin/slurmd")) && Files.isExecutable(Path.of("/usr/sbin/munged"));
    }

    static LocalSlurm start() throws Exception {
        Path dir = Files.createTempDirectory("studio-slurm-");
        Process munged = startMunge();
        String host = output(List.of("hostname", "-s")).trim();
        int cpus = Runtime.getRuntime().availableProcessors();
        long memoryMiB = Math.max(1024, totalMemoryMiB() - 1024);
        for (String sub : new String[] {"state", "spool"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        String text = String.join("\n",
                "ClusterName=studio-test",
                "SlurmctldHost=" + host,
                "SlurmUser=root",
                "AuthType=auth/munge",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "ReturnToService=2",
                "MpiDefault=none",
                "NodeName=" + host + " CPUs=" + cpus + " RealMemory=" + memoryMiB + " State=UNKNOWN",
                "PartitionName=test Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP", "");
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, text, StandardCharsets.UTF_8);
        LocalSlurm slurm = new LocalSlurm(dir, conf, munged);
        slurm.run(List.of("/usr/sbin/slurmctld", "-f", conf.toString()));
        slurm.run(List.of("/usr/sbin/slurmd", "-f", conf.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!slurm.run(List.of("sinfo", "-h", "-o", "%T")).contains("idle")) {
            if (System.nanoTime() > deadline) {
                String log = Files.exists(dir.resolve("slurmctld.log")) ? Files.readString(dir.resolve("slurmctld.log")) : "";
                slurm.close();
                throw new IllegalStateException("the Slurm node did not become idle in 60 s; slurmctld log:\n" + log);
            }
            Thread.sleep(500);
        }
        return slurm;
    }

    Path conf() {
        return conf;
    }

    /** Runs a Slurm command with this cluster's configuration; returns its output. */
    String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SLURM_CONF", conf.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static Process startMunge() throws Exception {
        if (new ProcessBuilder("pgrep", "-x", "munged").start().waitFor() == 0) {
            return null;
        }
        Path key = Path.of("/etc/munge/munge.key");
        if (!Files.exists(key)) {
            byte[] bytes = new byte[1024];
            new java.security.SecureRandom().nextBytes(bytes);
            Files.write(key, bytes);
        }
        output(List.of("chown", "munge:munge", key.toString()));
        output(List.of("chmod", "400", key.toString()));
        Files.createDirectories(Path.of("/run/munge"));
        output(List.of("chown", "munge:munge", "/run/munge"));
        output(List.of("runuser", "-u", "munge", "--", "/usr/sbin/munged", "--force"));
        return null;
    }

    private static long totalMemoryMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return 4096;
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("could not stop cleanly", e);
        }
    }

    private void stop() throws IOException, InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        try {
            run(List.of("scontrol", "shutdown"));
        } catch (IOException e) {
            for (String pid : new String[] {"slurmctld.pid", "slurmd.pid"}) {
                Path file = dir.resolve(pid);
                if (Files.exists(file)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).ifPresent(ProcessHandle::destroy);
                }
            }
        }
        if (munged != null) {
            munged.destroy();
        }
        // the daemons write their state until they have gone
        for (String pid : new String[] {"slurmctld.pid", "slurmd.pid"}) {
            Path file = dir.resolve(pid);
            if (Files.exists(file)) {
                var process = ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
                if (process.isPresent()) {
                    process.get().onExit().get(20, TimeUnit.SECONDS);
                }
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
