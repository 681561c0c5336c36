package org.sparsitystudio.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A named series of points ordered by x. */
public record Series(String name, List<SeriesPoint> points) {

    public Series {
        points = List.copyOf(points);
    }

    /**
     * Groups observations by series (in order of first appearance) and x, and aggregates each
     * group's y values into mean, min, max and (sample) standard deviation.
     */
    public static List<Series> aggregate(List<Observation> observations) {
        Map<String, TreeMap<Double, List<Double>>> grouped = new java.util.LinkedHashMap<>();
        for (Observation o : observations) {
            if (Double.isFinite(o.x()) && Double.isFinite(o.y())) {
                grouped.computeIfAbsent(o.series(), k -> new TreeMap<>()).computeIfAbsent(o.x(), k -> new ArrayList<>())
                        .add(o.y());
            }
        }
        List<Series> out = new ArrayList<>();
        grouped.forEach((name, byX) -> {
            List<SeriesPoint> points = new ArrayList<>();
            byX.forEach((x, ys) -> points.add(point(x, ys)));
            out.add(new Series(name, points));
        });
        return out;
    }

    private static SeriesPoint point(double x, List<Double> ys) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double y : ys) {
            sum += y;
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        double mean = sum / ys.size();
        double squares = 0;
        for (double y : ys) {
            squares += (y - mean) * (y - mean);
        }
        double std = ys.size() > 1 ? Math.sqrt(squares / (ys.size() - 1)) : 0;
        return new SeriesPoint(x, mean, min, max, std, ys.size());
    }
}
