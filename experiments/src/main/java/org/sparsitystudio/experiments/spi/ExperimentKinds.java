package org.sparsitystudio.experiments.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The experiment kinds known to the application, by stable id. Built once at start-up (from
 * {@link ServiceLoader} or an explicit list) and passed to whoever needs it, rather than being a
 * static singleton, so that a test can build one with exactly the kinds it wants.
 *
 * <p>Every kind's declarations are checked when the registry is built: a malformed id, a
 * parameter or metric declared twice, or a chart naming something undeclared fails there, with
 * the kind's id in the message. Immutable and thread-safe.
 */
public final class ExperimentKinds {

    private final Map<String, ExperimentKind> byId;

    /**
     * A registry of exactly these kinds, in this order.
     *
     * @throws IllegalStateException if two kinds share an id or a kind's declarations are
     *         inconsistent
     */
    public ExperimentKinds(Collection<? extends ExperimentKind> kinds) {
        Map<String, ExperimentKind> m = new LinkedHashMap<>();
        for (ExperimentKind k : kinds) {
            KindChecks.check(k);
            ExperimentKind before = m.putIfAbsent(k.id(), k);
            if (before != null) {
                throw new IllegalStateException("two experiment kinds share the id \"" + k.id() + "\": "
                        + before.getClass().getName() + " and " + k.getClass().getName());
            }
        }
        this.byId = m;
    }

    /** The kinds registered in {@code META-INF/services} on the context class path. */
    public static ExperimentKinds load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** The kinds registered in {@code META-INF/services} visible to {@code loader}. */
    public static ExperimentKinds load(ClassLoader loader) {
        List<ExperimentKind> found = new ArrayList<>();
        ServiceLoader.load(ExperimentKind.class, loader).forEach(found::add);
        // class-path order is an accident of packaging; the gallery should not depend on it
        found.sort(java.util.Comparator.comparing(ExperimentKind::id));
        return new ExperimentKinds(found);
    }

    /** All kinds, in registration order (sorted by id when loaded). */
    public List<ExperimentKind> all() {
        return List.copyOf(byId.values());
    }

    /** The ids of all kinds, in the same order as {@link #all()}. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The kind with this id, if any. */
    public Optional<ExperimentKind> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The kind with this id.
     *
     * @throws UnknownKindException naming the id and listing the known ones
     */
    public ExperimentKind get(String id) {
        ExperimentKind k = byId.get(id);
        if (k == null) {
            throw new UnknownKindException(id, ids());
        }
        return k;
    }
}
