package org.sparsitystudio.experiments.kinds.randompruning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The study-level result of random pruning: each run's accuracy gap to the dense run (sparsity 0)
 * with the same architecture, width and depth: the dense run with the same seed where the study
 * has one (a seed axis), else the mean over the study's dense runs of that network (a design
 * without a seed axis gives every run its own seed). Computed from finished runs, so it works the
 * same for runs from a headless process or a cluster.
 */
public final class DenseGap {

    /** The facts about one finished run that the gap needs. */
    public record Point(String architecture, double width, int depth, long seed, double sparsity, double accuracy) {
    }

    private record Network(String architecture, double width, int depth) {
    }

    private final Map<Network, List<Point>> dense = new HashMap<>();

    public DenseGap(List<Point> points) {
        for (Point p : points) {
            if (p.sparsity() == 0) {
                dense.computeIfAbsent(network(p), k -> new ArrayList<>()).add(p);
            }
        }
    }

    private static Network network(Point p) {
        return new Network(Objects.requireNonNull(p.architecture()), p.width(), p.depth());
    }

    /** Dense accuracy minus this run's accuracy, or empty when the sweep has no matching dense run. */
    public OptionalDouble gap(Point p) {
        List<Point> candidates = dense.getOrDefault(network(p), List.of());
        for (Point d : candidates) {
            if (d.seed() == p.seed()) {
                return OptionalDouble.of(d.accuracy() - p.accuracy());
            }
        }
        return candidates.stream().mapToDouble(Point::accuracy).average().stream().map(a -> a - p.accuracy())
                .findFirst();
    }
}
