package org.sparsitystudio.experiments.design;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ParameterException;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.SweepAxis;

/**
 * Checks a design against its kind's parameter declarations and returns it in canonical form
 * (each value as {@link ParameterSpec#normalize(Object)} gives it, seeds as {@code Long}), so that
 * a design typed in code and the same design read from a file are equal.
 */
public final class DesignValidator {

    private DesignValidator() {
    }

    /**
     * Validates and normalizes.
     *
     * @throws DesignException at the first problem: a kind mismatch, an unknown parameter, a value
     *         the declaration rejects, a sweep over an unknown parameter, twice over one
     *         parameter, with no values or with a repeated value
     */
    public static Design normalize(Design design, ExperimentKind kind) {
        if (!design.kind().equals(kind.id())) {
            throw new DesignException("kind", "kind = \"" + design.kind() + "\" does not match the kind \""
                    + kind.id() + "\" it is checked against");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : design.parameters().entrySet()) {
            ParameterSpec spec = declared(kind, e.getKey(), "parameters." + e.getKey(), e.getValue());
            params.put(e.getKey(), normalizeValue(spec, e.getValue(), "parameters." + e.getKey()));
        }
        List<SweepAxis> sweep = new ArrayList<>();
        Set<String> swept = new HashSet<>();
        for (int i = 0; i < design.sweep().size(); i++) {
            sweep.add(normalizeAxis(design.sweep().get(i), kind, "sweep[" + i + "]", swept));
        }
        return new Design(design.kind(), design.seed(), params, sweep, design.name(), design.notes());
    }

    private static SweepAxis normalizeAxis(SweepAxis axis, ExperimentKind kind, String key, Set<String> swept) {
        String name = axis.parameter();
        ParameterSpec spec = axis.isSeedAxis() ? null
                : declared(kind, name, key + ".parameter", name);
        if (!swept.add(name)) {
            throw new DesignException(key + ".parameter", "the sweep has two axes over \"" + name
                    + "\"; allowed: one axis per parameter (put all values in one list)");
        }
        if (axis.values().isEmpty()) {
            throw new DesignException(key + ".values", "the sweep over \"" + name
                    + "\" has values = [], an empty list; allowed: at least one value");
        }
        List<Object> values = new ArrayList<>();
        for (Object v : axis.values()) {
            Object n = spec == null ? seedValue(v, key + ".values") : normalizeValue(spec, v, key + ".values");
            if (values.contains(n)) {
                throw new DesignException(key + ".values", "the sweep over \"" + name + "\" lists "
                        + (spec == null ? n : spec.format(n)) + " twice; allowed: each value once");
            }
            values.add(n);
        }
        return new SweepAxis(name, values);
    }

    private static ParameterSpec declared(ExperimentKind kind, String name, String key, Object value) {
        return kind.parameter(name).orElseThrow(() -> new DesignException(key, "unknown parameter \"" + name
                + "\" (value " + describe(value) + ") for kind " + kind.id() + "; its parameters are "
                + String.join(", ", kind.parameters().stream().map(ParameterSpec::name).toList())
                + (key.startsWith("sweep") ? ", and \"seed\" for run seeds" : "")));
    }

    private static Object normalizeValue(ParameterSpec spec, Object value, String key) {
        try {
            return spec.normalize(value);
        } catch (ParameterException e) {
            throw new DesignException(key, key + ": " + e.getMessage());
        }
    }

    /** Seeds are any whole number that fits a {@code long}. */
    static Long seedValue(Object v, String key) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 0x1p63) {
            return (long) n.doubleValue();
        }
        throw new DesignException(key, key + ": seed = " + describe(v)
                + " is not a seed; allowed: a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Double d) {
            return ParameterSpec.formatNumber(d);
        }
        return String.valueOf(v);
    }
}
