package org.sparsitystudio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsitystudio.experiments.bench.Bench;
import org.sparsitystudio.experiments.bench.BenchReport;
import org.sparsitystudio.experiments.bench.GemmBench;
import org.sparsitystudio.experiments.bench.MlpTrainingBench;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.training.MaskRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures this machine: fp32 GEMM and the reference MLP's training throughput (dense, 90% random
 * mask, 2:4 every step), to compare with shared/peer's PyTorch scripts in the same sitting.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark GEMM and MLP training on this machine (compare with shared/peer).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", defaultValue = "1",
            description = "Backend threads for the MLP workloads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--gemm", split = ",", defaultValue = "512,1024,2048",
            description = "GEMM sizes; 0 skips GEMM (default: ${DEFAULT-VALUE}).")
    private int[] gemmSizes;

    @Option(names = "--mask", split = ",", defaultValue = "dense,random90,nm24",
            description = "MLP workloads (default: ${DEFAULT-VALUE}).")
    private List<String> masks;

    @Option(names = "--data", description = "Fashion-MNIST directory (default: as for train).")
    private Path data;

    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    private Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<MaskRecipe> recipes = new ArrayList<>();
        for (String mask : masks) {
            recipes.add(MaskRecipe.parse(mask));
        }
        int[] sizes = java.util.Arrays.stream(gemmSizes).filter(n -> n > 0).toArray();
        FashionMnist dataset = FashionMnist.load(DataSource.resolve(data));
        out.println("data: " + dataset.origin().describe());
        out.flush();
        BenchReport report = Bench.run(dataset, threads, sizes, recipes, line -> {
            out.println(line);
            out.flush();
        });
        print(out, report);
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
            out.println("wrote " + json);
        }
        return 0;
    }

    private static void print(PrintWriter out, BenchReport report) {
        out.println();
        out.println("backend: " + report.backend());
        for (GemmBench.Result r : report.gemm()) {
            out.printf(Locale.ROOT, "GEMM n=%-5d %8.2f ms  %7.1f GFLOP/s%n", r.n(), r.medianMillis(), r.gflops());
        }
        out.printf(Locale.ROOT, "%-32s %12s %9s %9s   %s%n", "MLP 784-300-100-10, batch 128", "samples/s", "ms/step",
                "test acc", "ms/step by phase");
        for (MlpTrainingBench.Result r : report.mlp()) {
            StringBuilder phases = new StringBuilder();
            r.phaseMillis().forEach((phase, ms) -> phases.append(String.format(Locale.ROOT, "%s %.3f  ",
                    phase.name().toLowerCase(Locale.ROOT), ms)));
            out.printf(Locale.ROOT, "%-32s %12.0f %9.3f %9.4f   %s%n", r.mask(), r.samplesPerSecond(), r.millisPerStep(),
                    r.testAccuracy(), phases.toString().trim());
        }
        out.flush();
    }
}
