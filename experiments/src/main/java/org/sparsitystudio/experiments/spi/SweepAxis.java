package org.sparsitystudio.experiments.spi;

import java.util.List;
import java.util.Objects;

/**
 * One axis of a design's sweep: a parameter and the values to try for it, in the order given.
 * The axis named {@value #SEED} is reserved: its values are the run seeds themselves, so
 * {@code seed: [1, 2, 3]} runs with seeds 1, 2 and 3.
 *
 * @param parameter a parameter name of the kind, or {@value #SEED}
 * @param values the values, in the order runs are expanded; checked against the parameter's
 *        declaration when the design is validated, not here
 */
public record SweepAxis(String parameter, List<Object> values) {

    /** The reserved axis name whose values are run seeds. */
    public static final String SEED = ParameterSpec.RESERVED_SEED;

    /** Copies the values (nulls are not values). */
    public SweepAxis {
        Objects.requireNonNull(parameter, "parameter");
        values = List.copyOf(values);
    }

    /** An axis over the given values. */
    public static SweepAxis of(String parameter, Object... values) {
        return new SweepAxis(parameter, List.of(values));
    }

    /** An axis over explicit run seeds. */
    public static SweepAxis seeds(long... seeds) {
        return new SweepAxis(SEED, java.util.Arrays.stream(seeds).boxed().map(Object.class::cast).toList());
    }

    /** Whether this is the reserved seed axis. */
    public boolean isSeedAxis() {
        return SEED.equals(parameter);
    }
}
