package org.sparsitystudio.kernels.nn;

/**
 * How a masked layer treats its pruned weights (mask entry 0).
 *
 * <p>The layer computes with the effective weight {@code W ⊙ (E + v(1 − E))} and passes the
 * gradient {@code dW̃ ⊙ (E + g(1 − E)) + λ (1 − E) ⊙ W} to the stored dense weight, where {@code v}
 * is {@link #valueFraction()}, {@code g} is {@link #gradientFraction()} and {@code λ} is
 * {@link #prunedDecay()}. With {@code v = g = 0} ({@link #DROP}) the stored weight itself is kept
 * exactly zero where pruned; otherwise the stored weight is a latent dense weight (as in STE and
 * SR-STE) and only the effective weight is sparse.
 *
 * <p>The rules of N:M sparse training (Zhou et al. 2021; Bambhaniya et al. 2024) map onto it as:
 * STE {@code (0, 1, 0)}, SR-STE {@code (0, 1, λ_W)}, mask decay (MDGF) {@code (β, 1, 0)}.
 *
 * @param valueFraction    share of a pruned weight's value that reaches the forward pass
 * @param gradientFraction share of the effective weight's gradient passed to a pruned weight
 * @param prunedDecay      λ of SR-STE's sparse-refined term {@code λ (1 − E) ⊙ W} added to the
 *                         gradient of the stored weight; it pulls pruned weights towards zero so
 *                         that the mask stops flipping between near-equal weights
 */
public record PrunedWeightRule(double valueFraction, double gradientFraction, double prunedDecay) {

    /** Pruned weights are zero and receive no gradient: fixed sparse training. */
    public static final PrunedWeightRule DROP = new PrunedWeightRule(0, 0, 0);

    /** Pruned weights are zero in the forward pass but get the full gradient (straight-through). */
    public static final PrunedWeightRule STRAIGHT_THROUGH = new PrunedWeightRule(0, 1, 0);

    /** Checks that both fractions lie in [0, 1] and the decay is finite and non-negative. */
    public PrunedWeightRule {
        if (!(valueFraction >= 0 && valueFraction <= 1) || !(gradientFraction >= 0 && gradientFraction <= 1)) {
            throw new IllegalArgumentException("fractions must lie in [0, 1]: value " + valueFraction
                    + ", gradient " + gradientFraction);
        }
        if (!(prunedDecay >= 0 && prunedDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the pruned-weight decay must be finite and ≥ 0, got " + prunedDecay);
        }
    }

    /** A rule without SR-STE's decay term. */
    public PrunedWeightRule(double valueFraction, double gradientFraction) {
        this(valueFraction, gradientFraction, 0);
    }

    /** Straight-through with pruned gradients scaled by {@code g}. */
    public static PrunedWeightRule scaledGradient(double g) {
        return new PrunedWeightRule(0, g, 0);
    }

    /** Mask decay: pruned weights keep a fraction {@code beta} of their value, full gradient. */
    public static PrunedWeightRule decayingValue(double beta) {
        return new PrunedWeightRule(beta, 1, 0);
    }

    /**
     * SR-STE: pruned weights are zero in the forward pass, the gradient passes straight through,
     * and {@code lambda (1 − E) ⊙ W} is added to it.
     */
    public static PrunedWeightRule srSte(double lambda) {
        return new PrunedWeightRule(0, 1, lambda);
    }

    /** True when the stored weight itself stays zero where pruned. */
    public boolean dropsPruned() {
        return valueFraction == 0 && gradientFraction == 0;
    }
}
