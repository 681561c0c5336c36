package org.sparsitystudio.kernels.nm;

import java.util.Locale;

/**
 * The N:M training recipes. In every sparse method the stored weight stays dense and the mask is
 * recomputed from its magnitudes; the methods differ in what reaches the forward pass and the
 * gradient of pruned weights.
 */
public enum NmMethod {
    /** No mask at all: the baseline every sparse method is measured against. */
    DENSE("dense"),
    /** Binary target mask, gradient straight through to the pruned weights. */
    STE("ste"),
    /** STE plus {@code λ_W (1 − E) ⊙ W} in the gradient (Zhou et al., ICLR 2021). */
    SR_STE("sr-ste"),
    /** Mask decay: pruned weights pass {@code β = max(0, 1 − αt)} of their value. */
    MDGF_LINEAR("mdgf-linear"),
    /** Mask decay: pruned weights pass {@code β = exp(−αt)} of their value. */
    MDGF_EXP("mdgf-exp"),
    /**
     * Structure decay: binary masks of progressively sparser patterns (M−1):M, (M/2):M, …, N:M,
     * each trained as SR-STE.
     */
    SDGF("sdgf");

    private final String id;

    NmMethod(String id) {
        this.id = id;
    }

    /** The lower-case name used in designs and on the command line, e.g. {@code mdgf-exp}. */
    public String id() {
        return id;
    }

    /** Reads an {@link #id()}, ignoring case and surrounding blanks. */
    public static NmMethod parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (NmMethod m : values()) {
            if (m.id.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown N:M method '" + text
                + "' (dense, ste, sr-ste, mdgf-linear, mdgf-exp or sdgf)");
    }

    /** Whether the method decays the mask's value (MDGF). */
    public boolean decaysMask() {
        return this == MDGF_LINEAR || this == MDGF_EXP;
    }

    @Override
    public String toString() {
        return id;
    }
}
