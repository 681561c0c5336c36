package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.util.SplittableRandom;

/**
 * The label controls of SCIENCE.md §3: symmetric label noise (a share of the training labels
 * moved to another class) and random labels (the labels permuted once), both seeded.
 */
public final class LabelNoise {

    private LabelNoise() {
    }

    /**
     * Moves exactly {@code round(q · n)} labels, chosen uniformly without replacement, each to a
     * class drawn uniformly from the other {@code classes − 1}: a flip never lands on the true
     * class, so the noise rate is exactly {@code q} and not {@code q · (1 − 1/classes)}.
     *
     * @return a new array; {@code labels} is not changed
     */
    public static int[] flip(int[] labels, int classes, double q, long seed) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("the noise share must lie in [0, 1], got " + q);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("label noise needs at least two classes, got " + classes);
        }
        int n = labels.length;
        int moved = (int) Math.round(q * n);
        int[] noisy = labels.clone();
        int[] order = identity(n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < moved; i++) {
            // a partial Fisher–Yates shuffle: the first `moved` positions are a uniform sample
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            int sample = order[i];
            noisy[sample] = (labels[sample] + 1 + rng.nextInt(classes - 1)) % classes;
        }
        return noisy;
    }

    /**
     * The labels in a seeded random order: class frequencies are kept, any link between image
     * and label is gone (Zhang et al.'s random-label control).
     */
    public static int[] permute(int[] labels, long seed) {
        int[] shuffled = labels.clone();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        return shuffled;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
