package org.sparsitystudio.kernels.count;

/**
 * A layer that knows what its last forward call cost. Containers are not counted; their
 * {@link org.sparsitystudio.kernels.nn.Layer#children()} are.
 */
public interface Counted {

    /** FLOPs of the last forward call as if every weight were nonzero. */
    long lastForwardFlops();

    /** FLOPs of the last forward call skipping the weights that are masked to zero. */
    long lastEffectiveForwardFlops();
}
