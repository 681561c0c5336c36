package org.sparsitystudio.experiments.training;

/**
 * What one training epoch gave.
 *
 * @param epoch        1-based epoch number
 * @param trainLoss    mean training loss over the epoch's batches
 * @param trainAccuracy share of training samples classified correctly during the epoch
 * @param testAccuracy  test accuracy after the epoch
 * @param steps        optimizer steps in the epoch
 * @param trainSeconds wall time of the training part (evaluation excluded)
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, long steps,
        double trainSeconds) {

    /** Training samples per second of this epoch. */
    public double samplesPerSecond(int samples) {
        return samples / trainSeconds;
    }
}
