package org.sparsitystudio.experiments.spi;

/**
 * What a run is expected to cost before it starts: floating-point operations and optimizer steps.
 * Either part may be unknown; sums of estimates stay unknown in a part as soon as one addend is,
 * because a total that silently leaves runs out would understate a sweep's cost.
 *
 * @param flops total floating-point operations, or {@code NaN} when unknown
 * @param steps optimizer steps, or {@code -1} when unknown
 */
public record CostEstimate(double flops, long steps) {

    private static final CostEstimate UNKNOWN = new CostEstimate(Double.NaN, -1);

    /** Normalises every "unknown" spelling (negative, NaN) to the canonical one. */
    public CostEstimate {
        if (!(flops >= 0) || Double.isInfinite(flops)) {
            flops = Double.NaN;
        }
        if (steps < 0) {
            steps = -1;
        }
    }

    /** Nothing known. */
    public static CostEstimate unknown() {
        return UNKNOWN;
    }

    /** Both parts known. */
    public static CostEstimate of(double flops, long steps) {
        return new CostEstimate(flops, steps);
    }

    /** Whether the FLOP count is known. */
    public boolean hasFlops() {
        return !Double.isNaN(flops);
    }

    /** Whether the step count is known. */
    public boolean hasSteps() {
        return steps >= 0;
    }

    /** The sum of two estimates, part by part. */
    public CostEstimate plus(CostEstimate other) {
        return new CostEstimate(flops + other.flops, hasSteps() && other.hasSteps() ? steps + other.steps : -1);
    }
}
