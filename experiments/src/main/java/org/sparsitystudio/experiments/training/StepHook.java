package org.sparsitystudio.experiments.training;

/**
 * Work a sparsity method does around each optimizer step, such as recomputing an N:M mask from
 * the current magnitudes before the forward pass.
 */
public interface StepHook {

    /** No extra work. */
    StepHook NONE = step -> { };

    /** Called before the forward pass of global step {@code step} (0-based). */
    void beforeStep(long step);
}
