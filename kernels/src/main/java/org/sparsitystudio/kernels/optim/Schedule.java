package org.sparsitystudio.kernels.optim;

/**
 * A learning rate as a function of the optimizer step (0-based). Schedules compose:
 * {@code Schedule.cosine(1e-3, total, 0).withLinearWarmup(100)}.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate for step {@code step}. */
    double lr(long step);

    /** A constant rate. */
    static Schedule constant(double lr) {
        return step -> lr;
    }

    /** Multiplies the rate by {@code gamma} every {@code stepSize} steps (PyTorch's StepLR). */
    static Schedule step(double lr, long stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("step size must be positive");
        }
        return step -> lr * Math.pow(gamma, Math.floorDiv(step, stepSize));
    }

    /**
     * Cosine annealing from {@code lr} to {@code minLr} over {@code totalSteps}, then constant at
     * {@code minLr} (PyTorch's CosineAnnealingLR with T_max = totalSteps).
     */
    static Schedule cosine(double lr, long totalSteps, double minLr) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("total steps must be positive");
        }
        return step -> step >= totalSteps ? minLr
                : minLr + (lr - minLr) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
    }

    /**
     * Ramps linearly from {@code base/warmupSteps} to the base rate over the first
     * {@code warmupSteps} steps, then follows this schedule shifted by the warm-up.
     */
    default Schedule withLinearWarmup(long warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be ≥ 0");
        }
        Schedule base = this;
        return step -> step < warmupSteps ? base.lr(0) * (step + 1) / warmupSteps : base.lr(step - warmupSteps);
    }
}
