package org.sparsitystudio.experiments.design;

/**
 * How a run's seed follows from its design. This is a file format in all but name: stored studies
 * are reproduced by recomputing seeds, so the function must never change.
 *
 * <p>Without a seed axis, run {@code i} of a design with seed {@code s} gets
 * {@code mix(s + (i + 1) * 0x9E3779B97F4A7C15)}, where {@code mix} is the SplitMix64 finalizer
 * (Steele, Lea and Flood, OOPSLA 2014). Neighbouring runs thus get unrelated seeds, and so do
 * neighbouring design seeds; a plain {@code s + i} would make run 1 of seed 0 and run 0 of seed 1
 * the same run. Note that the seed follows the run's <em>position</em>: adding a value to an axis
 * moves later runs and changes their seeds. To keep seeds fixed while editing a sweep, give it a
 * {@linkplain org.sparsitystudio.experiments.spi.SweepAxis#SEED seed axis}, whose values are used
 * verbatim.
 */
public final class RunSeeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RunSeeds() {
    }

    /** The seed of run {@code index} of a design with seed {@code designSeed} and no seed axis. */
    public static long derive(long designSeed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("run index " + index + " < 0");
        }
        return mix(designSeed + (index + 1L) * GOLDEN_GAMMA);
    }

    /** The SplitMix64 finalizer: a bijection on 64 bits with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
