package org.sparsitystudio.experiments.design;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sparsitystudio.experiments.spi.CostEstimate;

/**
 * What a design will do before anything starts: how many runs, along which axes, and what they
 * cost in total.
 *
 * @param axes one entry per sweep axis, in design order
 * @param runCount the number of runs (the product of the axis sizes; 1 without axes)
 * @param cost the summed estimate of all runs; a part is unknown if any run's is
 */
public record SweepSummary(List<Axis> axes, int runCount, CostEstimate cost) {

    /**
     * One axis and its size.
     *
     * @param parameter the parameter name (or {@code seed})
     * @param size how many values it has
     */
    public record Axis(String parameter, int size) {
    }

    /** Copies the axes. */
    public SweepSummary {
        axes = List.copyOf(axes);
        Objects.requireNonNull(cost, "cost");
    }

    /**
     * The sweep in words, e.g. {@code 5 widths × 6 sparsities × 2 distributions × 3 seeds = 180 runs};
     * {@code 1 run} without axes.
     */
    public String text() {
        String runs = runCount + (runCount == 1 ? " run" : " runs");
        if (axes.isEmpty()) {
            return runs;
        }
        List<String> parts = new ArrayList<>();
        for (Axis a : axes) {
            // a symbol (m, d, k) has no plural: "2 values of m", not "2 ms"
            String p = a.parameter();
            parts.add(p.length() <= 2 ? a.size() + (a.size() == 1 ? " value of " : " values of ") + p
                    : a.size() + " " + (a.size() == 1 ? p : plural(p)));
        }
        return String.join(" × ", parts) + " = " + runs;
    }

    /**
     * The expected wall time from a measured cost per FLOP on this machine.
     *
     * @return empty when the FLOPs are unknown
     */
    public Optional<Duration> timeFromFlops(double secondsPerFlop) {
        return cost.hasFlops() ? Optional.of(seconds(cost.flops() * secondsPerFlop)) : Optional.empty();
    }

    /**
     * The expected wall time from a measured time per optimizer step.
     *
     * @return empty when the step counts are unknown
     */
    public Optional<Duration> timeFromSteps(double secondsPerStep) {
        return cost.hasSteps() ? Optional.of(seconds(cost.steps() * secondsPerStep)) : Optional.empty();
    }

    @Override
    public String toString() {
        return text();
    }

    private static Duration seconds(double s) {
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("the time per unit must be finite and non-negative");
        }
        return Duration.ofNanos(Math.round(Math.min(s, Long.MAX_VALUE / 1e9) * 1e9));
    }

    /**
     * English plural of a lowerCamel name's last word: width→widths, sparsity→sparsities; a name
     * that is plural already (blocks, fineTuneEpochs: a consonant before the final s;
     * pretrainImages: a final -es) stays.
     */
    static String plural(String name) {
        if (name.matches(".*[^aeiousS]s") || name.endsWith("es")) {
            return name;
        }
        if (name.matches(".*[^aeiou]y")) {
            return name.substring(0, name.length() - 1) + "ies";
        }
        if (name.matches(".*(s|x|z|ch|sh)")) {
            return name + "es";
        }
        return name + "s";
    }
}
