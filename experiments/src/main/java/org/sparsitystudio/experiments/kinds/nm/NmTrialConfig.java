package org.sparsitystudio.experiments.kinds.nm;

import java.util.Locale;
import java.util.Objects;
import org.sparsitystudio.kernels.nm.NmMethod;
import org.sparsitystudio.kernels.nm.NmSchedule;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * One N:M training run.
 *
 * @param architecture      the small ViT or the reference MLP
 * @param where             which ViT layers get masks (the MLP masks its hidden layers whatever this says)
 * @param pattern           the target pattern
 * @param method            the training recipe
 * @param epochs            passes over the training set, the same for every method
 * @param denseFraction     f_d
 * @param fineTuneFraction  f_ft
 * @param lambdaW           SR-STE's λ_W
 * @param recomputeInterval steps between mask recomputations
 * @param batchSize         samples per step
 * @param learningRate      Adam's peak learning rate (cosine to 0)
 * @param seed              initialisation, mask ties and batch order
 */
public record NmTrialConfig(Architecture architecture, Where where, NmPattern pattern, NmMethod method, int epochs,
        double denseFraction, double fineTuneFraction, double lambdaW, int recomputeInterval, int batchSize,
        double learningRate, long seed) {

    /** The network trained. */
    public enum Architecture {
        /** ViT: patch 7 (16 tokens and a class token), width 64, 2 blocks, 4 heads, MLP 128. */
        VIT,
        /** The reference MLP 784-300-100-10; both hidden layers are masked, the head stays dense. */
        MLP;

        /** Reads "vit" or "mlp". */
        public static Architecture parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Which ViT layers are N:M sparse; the patch embedding and the head always stay dense. */
    public enum Where {
        /** The blocks' fc1 and fc2. */
        MLP,
        /** The blocks' qkv and proj. */
        ATTENTION,
        /** All four. */
        BOTH;

        /** Reads "mlp", "attention" or "both". */
        public static Where parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Checks what the kernel would otherwise reject mid-run. */
    public NmTrialConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(method, "method");
        if (epochs < 1 || batchSize < 1 || recomputeInterval < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs, batch size, recompute interval and learning rate must be "
                    + "positive");
        }
        // the schedule checks f_d and f_ft together
        new NmSchedule(pattern, 1, denseFraction, fineTuneFraction);
        if (!(lambdaW >= 0)) {
            throw new IllegalArgumentException("λ_W must be ≥ 0, got " + lambdaW);
        }
    }

    /** 1 − N/M for sparse methods, 0 for dense: the x of accuracy against sparsity. */
    public double sparsityLevel() {
        return method == NmMethod.DENSE ? 0 : pattern.sparsity();
    }
}
