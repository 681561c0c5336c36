package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error over equal-width confidence bins (Guo et al., 2017; SCIENCE.md §3):
 * {@code ECE = Σ_b (n_b / n) · |acc_b − conf_b|}, with the confidence the largest softmax
 * probability and bin {@code b} (1-based) holding confidences in {@code ((b−1)/B, b/B]}. The bins
 * themselves are the reliability diagram.
 *
 * @param bins one entry per bin, lowest confidence first, empty ones included
 * @param ece  the expected calibration error, in [0, 1]
 * @param samples the number of predictions
 */
public record Calibration(List<Bin> bins, double ece, long samples) {

    /** SCIENCE.md's bin count. */
    public static final int DEFAULT_BINS = 15;

    /**
     * One bin of the reliability diagram.
     *
     * @param lower      exclusive lower edge
     * @param upper      inclusive upper edge
     * @param count      predictions whose confidence fell here
     * @param accuracy   their share correct; NaN when empty
     * @param confidence their mean confidence; NaN when empty
     */
    public record Bin(double lower, double upper, long count, double accuracy, double confidence) {
    }

    /** Copies the bin list. */
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * Calibration of predictions given their confidence and whether each was right.
     *
     * @param confidence largest softmax probability per prediction, in [0, 1]
     * @param correct    whether the arg-max class was the label
     * @param binCount   the number of equal-width bins
     */
    public static Calibration of(double[] confidence, boolean[] correct, int binCount) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException(confidence.length + " confidences for " + correct.length + " outcomes");
        }
        if (binCount <= 0) {
            throw new IllegalArgumentException("bins must be positive, got " + binCount);
        }
        long[] counts = new long[binCount];
        double[] right = new double[binCount];
        double[] confidenceSum = new double[binCount];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence " + c + " of prediction " + i + " is not in [0, 1]");
            }
            int b = bin(c, binCount);
            counts[b]++;
            right[b] += correct[i] ? 1 : 0;
            confidenceSum[b] += c;
        }
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            long n = counts[b];
            double accuracy = n == 0 ? Double.NaN : right[b] / n;
            double meanConfidence = n == 0 ? Double.NaN : confidenceSum[b] / n;
            if (n > 0) {
                ece += (double) n / confidence.length * Math.abs(accuracy - meanConfidence);
            }
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, n, accuracy, meanConfidence));
        }
        return new Calibration(bins, confidence.length == 0 ? Double.NaN : ece, confidence.length);
    }

    /** The bin of a confidence: right-closed intervals, with 0 put into the first bin. */
    static int bin(double confidence, int binCount) {
        int b = (int) Math.ceil(confidence * binCount) - 1;
        return Math.max(0, Math.min(binCount - 1, b));
    }
}
