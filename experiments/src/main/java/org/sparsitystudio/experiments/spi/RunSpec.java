package org.sparsitystudio.experiments.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a design: every parameter's value (defaults included, so that the run is described
 * completely without its design), the seed, and its position in the sweep. Given the same kind,
 * a RunSpec reproduces its run bit for bit.
 *
 * @param kind the experiment kind's stable id
 * @param index the run's 0-based position in its design's expansion order
 * @param parameters every declared parameter's value, in declaration order, in canonical form
 *        (see {@link ParameterType})
 * @param seed the run seed; all randomness of the run derives from it
 * @param displayName a short label such as {@code width=2 · sparsity=0.9 · ERK · seed 1}
 */
public record RunSpec(String kind, int index, Map<String, Object> parameters, long seed, String displayName) {

    /** Copies the parameters, keeping their order. */
    public RunSpec {
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(displayName, "displayName");
    }

    /** The value of a parameter. */
    public Object value(String name) {
        Object v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("run " + index + " has no parameter \"" + name
                    + "\"; it has " + String.join(", ", parameters.keySet()));
        }
        return v;
    }

    /** The value of an {@link ParameterType#INT} parameter. */
    public int intValue(String name) {
        return ((Number) value(name)).intValue();
    }

    /** The value of a {@link ParameterType#DOUBLE} parameter. */
    public double doubleValue(String name) {
        return ((Number) value(name)).doubleValue();
    }

    /** The value of a {@link ParameterType#BOOLEAN} parameter. */
    public boolean booleanValue(String name) {
        return (Boolean) value(name);
    }

    /** The value of a {@link ParameterType#CHOICE} parameter. */
    public String choice(String name) {
        return (String) value(name);
    }

    /** The value of a {@link ParameterType#NUMBER_LIST} parameter. */
    @SuppressWarnings("unchecked")
    public List<Double> numberList(String name) {
        return (List<Double>) value(name);
    }
}
