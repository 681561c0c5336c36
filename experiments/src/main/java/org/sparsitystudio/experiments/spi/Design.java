package org.sparsitystudio.experiments.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A design: an experiment kind, chosen parameter values, and sweep axes. Saved as readable JSON
 * (see {@code org.sparsitystudio.experiments.design.DesignJson}) and expanded into runs, one per
 * point of the grid product of its axes.
 *
 * <p>Parameters not set here take their declared defaults when runs are expanded; a parameter
 * that is also swept takes the sweep's values. Nothing is validated on construction, because a
 * form edits a design value by value and must be able to hold a half-finished one; validation
 * against the kind happens in {@code org.sparsitystudio.experiments.design.DesignValidator}.
 *
 * @param kind the experiment kind's stable id
 * @param seed the design seed, from which each run's seed is derived unless the sweep has a
 *        {@linkplain SweepAxis#SEED seed axis}
 * @param parameters chosen values by parameter name, in insertion order (unmodifiable)
 * @param sweep the axes, outermost first (unmodifiable)
 * @param name a short name for people; empty when none
 * @param notes free text; empty when none
 */
public record Design(String kind, long seed, Map<String, Object> parameters, List<SweepAxis> sweep,
        String name, String notes) {

    /** Copies the collections, keeping their order. */
    public Design {
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        sweep = List.copyOf(sweep);
        name = name == null ? "" : name;
        notes = notes == null ? "" : notes;
    }

    /** An empty design of a kind: seed 0, all defaults, no sweep. */
    public static Design of(String kind) {
        return new Design(kind, 0, Map.of(), List.of(), "", "");
    }

    /** This design with another seed. */
    public Design withSeed(long newSeed) {
        return new Design(kind, newSeed, parameters, sweep, name, notes);
    }

    /** This design with one parameter set (or replaced, keeping its position). */
    public Design withParameter(String parameter, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(parameters);
        m.put(Objects.requireNonNull(parameter, "parameter"), Objects.requireNonNull(value, "value"));
        return new Design(kind, seed, m, sweep, name, notes);
    }

    /** This design with one more sweep axis, innermost (it varies fastest). */
    public Design withAxis(SweepAxis axis) {
        List<SweepAxis> s = new ArrayList<>(sweep);
        s.add(Objects.requireNonNull(axis, "axis"));
        return new Design(kind, seed, parameters, s, name, notes);
    }

    /** This design with one more sweep axis, innermost (it varies fastest). */
    public Design withAxis(String parameter, Object... values) {
        return withAxis(SweepAxis.of(parameter, values));
    }

    /** This design with another name. */
    public Design withName(String newName) {
        return new Design(kind, seed, parameters, sweep, newName, notes);
    }

    /** This design with other notes. */
    public Design withNotes(String newNotes) {
        return new Design(kind, seed, parameters, sweep, name, newNotes);
    }
}
