package org.sparsitystudio.experiments.data;

import org.sparsitystudio.experiments.spi.ParameterGroup;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.RunSpec;

/**
 * The {@code data} parameter of the kinds that train on Fashion-MNIST, declared once: {@code auto}
 * (the full set if installed, else the embedded subset) or {@code embedded} (always the subset,
 * for quick checks).
 */
public final class FashionMnistChoice {

    /** The parameter's name in every kind that declares it. */
    public static final String NAME = "data";

    private FashionMnistChoice() {
    }

    /** The declaration. */
    public static ParameterSpec parameter() {
        return ParameterSpec.choiceParam(NAME, "auto", "auto", "embedded").label("Data")
                .help("auto: the full Fashion-MNIST if installed, else the embedded subset; embedded: always the subset.")
                .group(ParameterGroup.DATA).build();
    }

    /** Where a run's data comes from. */
    public static DataSource source(RunSpec run) {
        return run.choice(NAME).equals("embedded") ? DataSource.embeddedSubset() : DataSource.resolve();
    }
}
