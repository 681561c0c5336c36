package org.sparsitystudio.kernels.mamba;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mamba's selective scan with its backward pass, as a parameter-free function object.
 *
 * <p>With {@code h₀ = 0}, per batch element, channel {@code e} and state {@code n}:
 * <pre>
 *   h_t[e,n] = exp(Δ_t[e] A[e,n]) h_{t−1}[e,n] + Δ_t[e] B_t[n] u_t[e]
 *   y_t[e]   = Σ_n C_t[n] h_t[e,n] + D[e] u_t[e]
 * </pre>
 * Shapes: {@code u}, {@code delta} (Δ, already passed through softplus) and {@code y} are
 * [batch, L, E]; {@code A} is [E, N]; {@code B}, {@code C} are [batch, L, N]; {@code D} is [E]. This is
 * the time-major layout of the surrounding layers (tokens in the middle dimension), not
 * mamba_ssm's channel-major one.
 *
 * <p>Like a layer, an implementation remembers what its last {@link #forward} needs, so that
 * {@link #backward} can reuse stored states instead of recomputing them; the arrays it returns
 * are owned by it and valid until the next call of the same method. Results have the data type of
 * {@code u}.
 */
public interface SelectiveScan {

    /**
     * Gradients of the loss with respect to the six inputs of the last forward call, shaped like
     * those inputs.
     */
    record Gradients(INDArray u, INDArray delta, INDArray a, INDArray b, INDArray c, INDArray d) {
    }

    /**
     * Computes y.
     *
     * @param keepForBackward whether {@link #backward} will follow; without it an implementation
     *                        may skip storing the hidden states
     * @return y [batch, L, E], owned by this object
     */
    INDArray forward(INDArray u, INDArray delta, INDArray a, INDArray b, INDArray c, INDArray d,
            boolean keepForBackward);

    /**
     * Back-propagates dL/dy through the last forward call, which must have kept its states.
     *
     * @param gradY dL/dy [batch, L, E]
     * @return dL/d(each input), owned by this object
     */
    Gradients backward(INDArray gradY);

    /** The sequential float64 transcription of the definition, kept as ground truth for tests. */
    static SelectiveScan reference() {
        return new ReferenceSelectiveScan();
    }

    /** The fast scan on one thread (the studio's small models gain nothing from more). */
    static SelectiveScan fast() {
        return new FastSelectiveScan(1);
    }

    /** The fast scan splitting batch × channels over {@code threads} worker threads. */
    static SelectiveScan fast(int threads) {
        return new FastSelectiveScan(threads);
    }
}
