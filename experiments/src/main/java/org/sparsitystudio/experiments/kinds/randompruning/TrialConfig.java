package org.sparsitystudio.experiments.kinds.randompruning;

import org.sparsitystudio.kernels.sparsity.SparsityDistribution;

/**
 * One training of a randomly pruned network.
 *
 * @param architecture    MLP or CNN
 * @param width           width multiplier w
 * @param depth           hidden layers (MLP) or convolutions after the first (CNN), see {@link Architecture}
 * @param sparsity        global share of prunable weights removed, in [0, 1)
 * @param distribution    how the density is spread over layers
 * @param firstLayerDense keep the first layer dense
 * @param epochs          training epochs
 * @param batchSize       samples per step
 * @param optimizer       "adam" or "sgd" (momentum 0.9, Nesterov)
 * @param learningRate    peak learning rate, annealed by a cosine schedule
 * @param seed            seeds initialisation, masks and data order
 */
public record TrialConfig(Architecture architecture, double width, int depth, double sparsity,
        SparsityDistribution distribution, boolean firstLayerDense, int epochs, int batchSize, String optimizer,
        double learningRate, long seed) {

    public TrialConfig {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must lie in [0, 1), got " + sparsity);
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be positive");
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be adam or sgd, got " + optimizer);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }

    /** The density 1 − sparsity. */
    public double density() {
        return 1 - sparsity;
    }
}
