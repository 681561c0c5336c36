package org.sparsitystudio.kernels.optim;

/**
 * Updates a fixed list of parameters in place from their current gradients. Implementations keep
 * their state (momentum, moments) allocated once, and call
 * {@link org.sparsitystudio.kernels.nn.Parameter#afterUpdate()} so masked weights stay zero.
 */
public interface Optimizer {

    /** Applies one update with learning rate {@code lr}. */
    void step(double lr);

    /** Number of updates applied so far. */
    long steps();
}
