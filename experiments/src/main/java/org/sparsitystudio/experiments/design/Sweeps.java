package org.sparsitystudio.experiments.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsitystudio.experiments.spi.CostEstimate;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.ParameterType;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.spi.SweepAxis;

/**
 * Expands a design into its runs: the grid product of its sweep axes.
 *
 * <p>The order is stable and part of the contract (run indices and derived seeds depend on it):
 * axes in the order the design lists them, the <em>last axis varying fastest</em>, like nested
 * loops written in that order. Values within an axis keep their listed order.
 *
 * <p>Each run's seed is its seed-axis value when the design has a {@code seed} axis, and
 * otherwise {@link RunSeeds#derive(long, int) derived} from the design seed and the run index.
 */
public final class Sweeps {

    /** More runs than this is a typo, not a study; refusing keeps expansion from eating the heap. */
    public static final int MAX_RUNS = 1_000_000;

    private Sweeps() {
    }

    /**
     * The runs of a design, in expansion order, each with every parameter resolved (sweep value,
     * else design value, else default).
     *
     * @throws DesignException if the design is not valid for the kind or has too many runs
     */
    public static List<RunSpec> expand(Design design, ExperimentKind kind) {
        Design d = DesignValidator.normalize(design, kind);
        int count = runCount(d);
        List<SweepAxis> axes = d.sweep();
        List<RunSpec> runs = new ArrayList<>(count);
        int[] digit = new int[axes.size()];
        for (int index = 0; index < count; index++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (ParameterSpec p : kind.parameters()) {
                values.put(p.name(), d.parameters().getOrDefault(p.name(), p.defaultValue()));
            }
            Long axisSeed = null;
            List<String> label = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                SweepAxis axis = axes.get(a);
                Object v = axis.values().get(digit[a]);
                if (axis.isSeedAxis()) {
                    axisSeed = (Long) v;
                    label.add("seed " + v);
                } else {
                    values.put(axis.parameter(), v);
                    label.add(label(kind.parameter(axis.parameter()).orElseThrow(), v));
                }
            }
            long seed = axisSeed != null ? axisSeed : RunSeeds.derive(d.seed(), index);
            String name = label.isEmpty() ? "single run" : String.join(" · ", label);
            runs.add(new RunSpec(d.kind(), index, values, seed, name));
            increment(digit, axes);
        }
        return runs;
    }

    /**
     * The run count, axis sizes and summed cost estimate of a design.
     *
     * @throws DesignException if the design is not valid for the kind or has too many runs
     */
    public static SweepSummary summarize(Design design, ExperimentKind kind) {
        List<RunSpec> runs = expand(design, kind);
        CostEstimate total = CostEstimate.of(0, 0);
        for (RunSpec r : runs) {
            total = total.plus(kind.estimate(r));
        }
        List<SweepSummary.Axis> axes = design.sweep().stream()
                .map(a -> new SweepSummary.Axis(a.parameter(), a.values().size())).toList();
        return new SweepSummary(axes, runs.size(), total);
    }

    /**
     * The run count and axis sizes of a valid design without its cost: cheap enough to follow every
     * edit of a form (a kind's estimate may build its models).
     *
     * @throws DesignException if the design is not valid for the kind or has too many runs
     */
    public static SweepSummary describe(Design design, ExperimentKind kind) {
        DesignValidator.normalize(design, kind);
        List<SweepSummary.Axis> axes = design.sweep().stream()
                .map(a -> new SweepSummary.Axis(a.parameter(), a.values().size())).toList();
        return new SweepSummary(axes, runCount(design), CostEstimate.unknown());
    }

    /**
     * The number of runs: the product of the axis sizes (1 without axes). Does not validate.
     *
     * @throws DesignException if the product exceeds {@link #MAX_RUNS}
     */
    public static int runCount(Design design) {
        long n = 1;
        for (SweepAxis a : design.sweep()) {
            n *= Math.max(a.values().size(), 0);
            if (n > MAX_RUNS) {
                throw new DesignException("sweep", "the sweep has more than " + MAX_RUNS
                        + " runs; allowed: at most " + MAX_RUNS + " (split it into several designs)");
            }
        }
        return (int) n;
    }

    /** Odometer step: the last axis turns fastest. */
    private static void increment(int[] digit, List<SweepAxis> axes) {
        for (int a = axes.size() - 1; a >= 0; a--) {
            if (++digit[a] < axes.get(a).values().size()) {
                return;
            }
            digit[a] = 0;
        }
    }

    /** The most characters of a text value a run's name shows. */
    public static final int TEXT_LABEL_CHARS = 40;

    /**
     * A choice reads best bare (ERK); anything else needs its name (sparsity=0.9). A text (a path)
     * keeps its end, where paths differ, within {@link #TEXT_LABEL_CHARS}; an empty one is quoted.
     */
    private static String label(ParameterSpec spec, Object v) {
        return switch (spec.type()) {
            case CHOICE -> spec.format(v);
            case TEXT -> {
                String text = spec.format(v);
                yield spec.name() + "=" + (text.isEmpty() ? "\"\""
                        : text.length() > TEXT_LABEL_CHARS ? "…" + text.substring(text.length() - TEXT_LABEL_CHARS + 1)
                        : text);
            }
            case INT, DOUBLE, BOOLEAN, NUMBER_LIST -> spec.name() + "=" + spec.format(v);
        };
    }
}
