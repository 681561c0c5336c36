package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void observationsBecomeMeanMinMaxAndSampleStdPerSeriesAndX() {
        List<Series> series = Series.aggregate(List.of(new Observation("a", 50, 80), new Observation("a", 50, 84),
                new Observation("a", 50, 82), new Observation("a", 0, 88), new Observation("b", 0, 70),
                new Observation("b", 10, Double.NaN)));
        assertEquals(List.of("a", "b"), series.stream().map(Series::name).toList());
        SeriesPoint first = series.get(0).points().get(0);
        assertEquals(new SeriesPoint(0, 88, 88, 88, 0, 1), first, "points are sorted by x");
        SeriesPoint p = series.get(0).points().get(1);
        assertEquals(82, p.mean(), 1e-12);
        assertEquals(80, p.min());
        assertEquals(84, p.max());
        assertEquals(2, p.std(), 1e-12);
        assertEquals(3, p.n());
        assertEquals(1, series.get(1).points().size(), "non-finite values are not plotted");
    }
}
