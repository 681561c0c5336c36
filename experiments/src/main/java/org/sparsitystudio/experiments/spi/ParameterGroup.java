package org.sparsitystudio.experiments.spi;

/**
 * Where a parameter belongs on a form, so that every kind's designer reads the same way.
 */
public enum ParameterGroup {
    /** Model shape: widths, depths, blocks. */
    MODEL("Model"),
    /** What is pruned and how much: sparsity levels, distributions, N:M patterns. */
    SPARSITY("Sparsity"),
    /** Optimizer, learning rate, epochs, batch size. */
    TRAINING("Training"),
    /** Data set choice and size. */
    DATA("Data"),
    /** Seeds other than the run seed (which the design and its sweep own). */
    SEEDS("Seeds");

    private final String label;

    ParameterGroup(String label) {
        this.label = label;
    }

    /** The heading a form shows for this group. */
    public String label() {
        return label;
    }
}
