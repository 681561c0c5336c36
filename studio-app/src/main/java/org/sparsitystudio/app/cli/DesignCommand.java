package org.sparsitystudio.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a kind's default design as JSON, a starting point to edit and run. */
@Command(name = "design", mixinStandardHelpOptions = true, description = "Print or save a kind's default design (JSON).")
final class DesignCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "Kind id, as listed by 'kinds'.")
    private String kindId;

    @Option(names = {"-o", "--out"}, description = "Write to this file instead of the terminal.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        ExperimentKinds kinds = ExperimentKinds.load();
        DesignJson json = new DesignJson(kinds);
        var design = kinds.get(kindId).defaultDesign();
        if (out == null) {
            spec.commandLine().getOut().print(json.write(design));
            spec.commandLine().getOut().flush();
        } else {
            json.write(design, out);
        }
        return 0;
    }
}
