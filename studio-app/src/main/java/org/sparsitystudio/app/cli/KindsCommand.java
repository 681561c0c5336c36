package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** Lists every experiment kind with its parameters, defaults, allowed values and help. */
@Command(name = "kinds", mixinStandardHelpOptions = true, description = "List the experiment kinds and their parameters.")
final class KindsCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ExperimentKind kind : ExperimentKinds.load().all()) {
            out.println(kind.id() + " — " + kind.title());
            out.println("  " + kind.paper());
            for (ParameterSpec p : kind.parameters()) {
                String unit = p.unit().isEmpty() ? "" : " " + p.unit();
                out.printf("  %-18s %-10s default %s%s; %s%n      %s%n", p.name(), p.type().name().toLowerCase(
                        java.util.Locale.ROOT), p.format(p.defaultValue()), unit, p.allowed(), p.help());
            }
            out.println();
        }
        out.flush();
        return 0;
    }
}
