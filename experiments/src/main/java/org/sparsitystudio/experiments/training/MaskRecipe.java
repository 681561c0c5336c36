package org.sparsitystudio.experiments.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.sparsity.NmMasker;
import org.sparsitystudio.kernels.sparsity.NmPattern;
import org.sparsitystudio.kernels.sparsity.RandomMask;

/**
 * The weight sparsity of a training run, as shared/peer/mlp_train.py defines its masks:
 * dense; a fixed random mask per layer keeping exactly round(d · count) weights (pruned weights
 * dropped); or an N:M mask recomputed from the dense weights before every step, with the
 * gradient passed straight through to the dense weights.
 */
public record MaskRecipe(Kind kind, double density, NmPattern pattern) {

    /** The three families. */
    public enum Kind { DENSE, RANDOM, NM }

    public MaskRecipe {
        if (kind == Kind.RANDOM && !(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("a random mask needs a density in (0, 1], got " + density);
        }
        if (kind == Kind.NM && pattern == null) {
            throw new IllegalArgumentException("an N:M mask needs a pattern");
        }
    }

    public static MaskRecipe dense() {
        return new MaskRecipe(Kind.DENSE, 1.0, null);
    }

    public static MaskRecipe random(double density) {
        return new MaskRecipe(Kind.RANDOM, density, null);
    }

    public static MaskRecipe nm(NmPattern pattern) {
        return new MaskRecipe(Kind.NM, (double) pattern.n() / pattern.m(), pattern);
    }

    /**
     * Parses "dense", "random90" (90% sparsity), "random:0.1" (density 0.1), "nm24" or "2:4".
     */
    public static MaskRecipe parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.equals("dense")) {
                return dense();
            }
            if (t.matches("random\\d{1,2}")) {
                return random(1 - Integer.parseInt(t.substring(6)) / 100.0);
            }
            if (t.startsWith("random:")) {
                return random(Double.parseDouble(t.substring(7)));
            }
            if (t.matches("nm\\d\\d")) {
                return nm(new NmPattern(t.charAt(2) - '0', t.charAt(3) - '0'));
            }
            if (t.contains(":")) {
                return nm(NmPattern.parse(t));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mask '" + text + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown mask '" + text
                + "' (dense, random90, random:DENSITY, nm24 or N:M such as 2:4)");
    }

    /**
     * Puts the masks on {@code layers} and returns the per-step work they need.
     *
     * @param seed seeds the random masks, one derived seed per layer
     */
    public StepHook install(List<Linear> layers, long seed) {
        switch (kind) {
            case DENSE:
                return StepHook.NONE;
            case RANDOM: {
                SplittableRandom seeds = new SplittableRandom(seed ^ 0x6D61736BL);
                for (Linear layer : layers) {
                    INDArray w = layer.weight().value();
                    layer.setMask(RandomMask.create(density, seeds.nextLong(), w.dataType(), w.shape()),
                            PrunedWeightRule.DROP);
                }
                return StepHook.NONE;
            }
            case NM: {
                List<NmMasker> maskers = new ArrayList<>();
                for (Linear layer : layers) {
                    INDArray w = layer.weight().value();
                    INDArray mask = w.ulike();
                    NmMasker masker = new NmMasker(pattern, w, mask);
                    masker.update();
                    layer.setMask(mask, PrunedWeightRule.STRAIGHT_THROUGH);
                    maskers.add(masker);
                }
                return step -> {
                    for (int i = 0; i < maskers.size(); i++) {
                        maskers.get(i).update();
                        layers.get(i).maskChanged();
                    }
                };
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DENSE -> "dense";
            case RANDOM -> String.format(java.util.Locale.ROOT, "random (density %.4g)", density);
            case NM -> pattern + " (recomputed every step)";
        };
    }
}
