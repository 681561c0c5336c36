package org.sparsitystudio.experiments.spi;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Consistency checks of a kind's declarations, run when a registry is built so that a broken
 * kind fails at start-up with its id in the message rather than later in a form or a chart.
 */
final class KindChecks {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private KindChecks() {
    }

    static void check(ExperimentKind kind) {
        String id = kind.id();
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalStateException(kind.getClass().getName() + ": kind id \"" + id
                    + "\" is not lower-case words joined by hyphens");
        }
        Set<String> params = new HashSet<>();
        for (ParameterSpec p : kind.parameters()) {
            if (!params.add(p.name())) {
                throw new IllegalStateException(id + ": parameter \"" + p.name() + "\" is declared twice");
            }
        }
        Set<String> metrics = new HashSet<>();
        Set<String> perStep = new HashSet<>();
        for (MetricSpec m : kind.metrics()) {
            if (!metrics.add(m.name())) {
                throw new IllegalStateException(id + ": metric \"" + m.name() + "\" is declared twice");
            }
            if (m.kind() == MetricSpec.Kind.PER_STEP) {
                perStep.add(m.name());
            }
        }
        for (ChartSpec c : kind.charts()) {
            boolean xKnown = c.x().equals(ChartSpec.STEP) || params.contains(c.x()) || metrics.contains(c.x());
            if (!xKnown) {
                throw new IllegalStateException(id + ": chart \"" + c.title() + "\" plots x = \"" + c.x()
                        + "\", which is neither \"step\", a parameter nor a metric");
            }
            if (!metrics.contains(c.y())) {
                throw new IllegalStateException(id + ": chart \"" + c.title() + "\" plots y = \"" + c.y()
                        + "\", which is not a declared metric");
            }
            if (c.pairsMetricsByStep() && !(perStep.contains(c.xMetric()) && perStep.contains(c.y()))) {
                throw new IllegalStateException(id + ": chart \"" + c.title() + "\" pairs \"" + c.xMetric() + "\" with \""
                        + c.y() + "\" by step, but both must be per-step metrics");
            }
            for (String setter : c.xFrom()) {
                if (!params.contains(setter)) {
                    throw new IllegalStateException(id + ": chart \"" + c.title() + "\" has x set by \"" + setter
                            + "\", which is not a parameter");
                }
            }
            String g = c.groupBy();
            if (g != null && !params.contains(g) && !g.equals(SweepAxis.SEED)) {
                throw new IllegalStateException(id + ": chart \"" + c.title() + "\" groups by \"" + g
                        + "\", which is not a parameter");
            }
        }
    }
}
