package org.sparsitystudio.experiments.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulated wall time per phase of the training step (batch gathering, step hook, forward and
 * loss, backward, optimizer), so benchmarks can show where a step's time goes.
 */
public final class PhaseTimes {

    /** The phases of one training step, in order. */
    public enum Phase { BATCH, HOOK, FORWARD, BACKWARD, OPTIMIZER }

    private final long[] nanos = new long[Phase.values().length];
    private long steps;

    void add(Phase phase, long elapsedNanos) {
        nanos[phase.ordinal()] += elapsedNanos;
    }

    void countStep() {
        steps++;
    }

    /** Clears all counters, e.g. after warm-up. */
    public void reset() {
        java.util.Arrays.fill(nanos, 0);
        steps = 0;
    }

    public long steps() {
        return steps;
    }

    /** Mean milliseconds per step spent in each phase. */
    public Map<Phase, Double> millisPerStep() {
        Map<Phase, Double> out = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            out.put(phase, steps == 0 ? 0.0 : nanos[phase.ordinal()] / 1e6 / steps);
        }
        return out;
    }
}
