package org.sparsitystudio.experiments.bench;

import java.util.Arrays;

/** The stopwatch and the statistic every micro-benchmark here shares: wall milliseconds, medians. */
final class Timing {

    private Timing() {
    }

    /** Wall-clock milliseconds of one call. */
    static double millis(Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The median (the mean of the middle two for an even count); the input is left as it was. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }
}
