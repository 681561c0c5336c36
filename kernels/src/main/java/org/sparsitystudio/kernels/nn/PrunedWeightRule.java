package org.sparsitystudio.kernels.nn;

/**
 * How a masked layer treats its pruned weights (mask entry 0).
 *
 * <p>The layer computes with the effective weight {@code W ⊙ (E + v(1 − E))} and passes the
 * gradient {@code dW̃ ⊙ (E + g(1 − E))} to the stored dense weight, where {@code v} is
 * {@link #valueFraction()} and {@code g} is {@link #gradientFraction()}. With {@code v = g = 0}
 * ({@link #DROP}) the stored weight itself is kept exactly zero where pruned; otherwise the stored
 * weight is a latent dense weight (as in STE and SR-STE) and only the effective weight is sparse.
 *
 * @param valueFraction    share of a pruned weight's value that reaches the forward pass
 * @param gradientFraction share of the effective weight's gradient passed to a pruned weight
 */
public record PrunedWeightRule(double valueFraction, double gradientFraction) {

    /** Pruned weights are zero and receive no gradient: fixed sparse training. */
    public static final PrunedWeightRule DROP = new PrunedWeightRule(0, 0);

    /** Pruned weights are zero in the forward pass but get the full gradient (straight-through). */
    public static final PrunedWeightRule STRAIGHT_THROUGH = new PrunedWeightRule(0, 1);

    public PrunedWeightRule {
        if (!(valueFraction >= 0 && valueFraction <= 1) || !(gradientFraction >= 0 && gradientFraction <= 1)) {
            throw new IllegalArgumentException("fractions must lie in [0, 1]: value " + valueFraction
                    + ", gradient " + gradientFraction);
        }
    }

    /** Straight-through with pruned gradients scaled by {@code g}. */
    public static PrunedWeightRule scaledGradient(double g) {
        return new PrunedWeightRule(0, g);
    }

    /** Mask decay: pruned weights keep a fraction {@code beta} of their value, full gradient. */
    public static PrunedWeightRule decayingValue(double beta) {
        return new PrunedWeightRule(beta, 1);
    }

    /** True when the stored weight itself stays zero where pruned. */
    public boolean dropsPruned() {
        return valueFraction == 0 && gradientFraction == 0;
    }
}
