package org.sparsitystudio.experiments.kinds.randompruning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The study-level result of random pruning: each run's accuracy gap to the dense run (sparsity 0)
 * with the same architecture, width, depth and seed. Computed from finished runs, so it works the
 * same for runs from a headless process or a cluster.
 */
public final class DenseGap {

    /** The facts about one finished run that the gap needs. */
    public record Point(String architecture, double width, int depth, long seed, double sparsity, double accuracy) {
    }

    private record Key(String architecture, double width, int depth, long seed) {
    }

    private final Map<Key, Double> dense = new HashMap<>();

    public DenseGap(List<Point> points) {
        for (Point p : points) {
            if (p.sparsity() == 0) {
                dense.put(key(p), p.accuracy());
            }
        }
    }

    private static Key key(Point p) {
        return new Key(Objects.requireNonNull(p.architecture()), p.width(), p.depth(), p.seed());
    }

    /** Dense accuracy minus this run's accuracy, or empty when the sweep has no matching dense run. */
    public OptionalDouble gap(Point p) {
        Double reference = dense.get(key(p));
        return reference == null ? OptionalDouble.empty() : OptionalDouble.of(reference - p.accuracy());
    }
}
