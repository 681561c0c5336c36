package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunListener;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reruns a stored run from its provenance alone (kind, every parameter, seed) and says whether
 * every result came out bit for bit the same.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Rerun a stored run from its provenance.")
final class ReplayCommand implements Callable<Integer> {

    static final int EXIT_DIFFERENT = 5;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "RUN") private long runId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> provenance;
        Map<String, Double> stored;
        try (Database db = database.open()) {
            provenance = db.runs().provenance(runId);
            stored = db.runs().results(runId);
        }
        if (provenance.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no provenance to replay");
        }
        ExperimentKind kind = ExperimentKinds.load().get(provenance.get("kind"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, String> recorded = Provenance.of(provenance).parameters();
        for (ParameterSpec p : kind.parameters()) {
            String text = recorded.get(p.name());
            if (text == null) {
                throw new IllegalArgumentException("run " + runId + "'s provenance lacks parameter " + p.name());
            }
            parameters.put(p.name(), p.parse(text));
        }
        RunSpec run = new RunSpec(kind.id(), 0, parameters, Long.parseLong(provenance.get("seed")), "replay of run " + runId);
        Map<String, Double> replayed = new ConcurrentHashMap<>();
        RunListener collect = new RunListener() {
            @Override
            public void result(RunSpec r, String name, double value) {
                replayed.put(name, value);
            }
        };
        List<RunStatus> status;
        try (RunExecutor executor = new RunExecutor(1, collect, s -> Provenance.forRun(kind, s))) {
            status = executor.submit(kind, List.of(run)).await();
        }
        out.println("replay of run " + runId + ": " + status.get(0).name().toLowerCase(Locale.ROOT));
        boolean same = status.get(0) == RunStatus.COMPLETED && !stored.isEmpty();
        for (Map.Entry<String, Double> e : stored.entrySet()) {
            Double again = replayed.get(e.getKey());
            boolean identical = again != null && Double.doubleToLongBits(again) == Double.doubleToLongBits(e.getValue());
            same &= identical;
            out.printf(Locale.ROOT, "  %-22s stored %-22s replayed %-22s %s%n", e.getKey(), e.getValue(), again,
                    identical ? "identical" : "DIFFERENT");
        }
        out.println(same ? "the replay reproduces every result bit for bit" : "the replay does not match");
        out.flush();
        return same ? 0 : EXIT_DIFFERENT;
    }
}
