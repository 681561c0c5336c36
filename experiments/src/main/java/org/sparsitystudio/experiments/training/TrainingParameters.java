package org.sparsitystudio.experiments.training;

import org.sparsitystudio.experiments.spi.ParameterGroup;
import org.sparsitystudio.experiments.spi.ParameterSpec;

/** Training parameters that the Fashion-MNIST kinds declare alike, declared once. */
public final class TrainingParameters {

    private TrainingParameters() {
    }

    /** {@code batchSize}: 128 samples by default, 1 to 4096, in the training group. */
    public static ParameterSpec batchSize(String help) {
        return ParameterSpec.intParam("batchSize", 128).range(1, 4096).unit("samples").label("Batch size").help(help)
                .group(ParameterGroup.TRAINING).build();
    }
}
