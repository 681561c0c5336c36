package org.sparsitystudio.experiments.training;

import java.util.Arrays;

/**
 * The training recipe of an MLP classifier on 28×28 images: widths, batch, Adam learning rate,
 * epochs, seed, weight sparsity and backend threads. The defaults are the reference recipe of
 * shared/peer (784-300-100-10 ReLU, Adam 1e-3, batch 128).
 */
public record MlpRecipe(int[] hidden, int batchSize, double learningRate, int epochs, long seed, MaskRecipe mask,
        int threads) {

    public MlpRecipe {
        hidden = hidden.clone();
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException("hidden widths must be positive, got " + Arrays.toString(hidden));
            }
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }

    /** The reference recipe with {@code epochs} epochs. */
    public static MlpRecipe reference(int epochs) {
        return new MlpRecipe(new int[] {300, 100}, 128, 1e-3, epochs, 0, MaskRecipe.dense(), 1);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A copy with another mask. */
    public MlpRecipe withMask(MaskRecipe newMask) {
        return new MlpRecipe(hidden, batchSize, learningRate, epochs, seed, newMask, threads);
    }

    /** A copy with another seed. */
    public MlpRecipe withSeed(long newSeed) {
        return new MlpRecipe(hidden, batchSize, learningRate, epochs, newSeed, mask, threads);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpRecipe r && Arrays.equals(hidden, r.hidden) && batchSize == r.batchSize
                && learningRate == r.learningRate && epochs == r.epochs && seed == r.seed && mask.equals(r.mask)
                && threads == r.threads;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + java.util.Objects.hash(batchSize, learningRate, epochs, seed, mask, threads);
    }

    @Override
    public String toString() {
        return "MlpRecipe[hidden=" + Arrays.toString(hidden) + ", batch=" + batchSize + ", lr=" + learningRate
                + ", epochs=" + epochs + ", seed=" + seed + ", mask=" + mask + ", threads=" + threads + "]";
    }
}
