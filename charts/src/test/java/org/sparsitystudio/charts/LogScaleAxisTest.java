package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogScaleAxisTest {

    @Test
    void aNarrowSpanGetsEvenlySteppedRoundNumbers() {
        assertEquals(List.of(0.86, 0.88, 0.9, 0.92, 0.94), LogScaleAxis.tickValues(0.85, 0.95, 8));
        assertEquals(List.of(2.2, 2.4, 2.6), LogScaleAxis.tickValues(2.1, 2.65, 4));
    }

    @Test
    void aWideSpanGetsOneTwoFiveOrPowersOfTen() {
        assertEquals(List.of(500.0, 1000.0, 2000.0), LogScaleAxis.tickValues(250, 4000, 8));
        assertEquals(List.of(0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0), LogScaleAxis.tickValues(0.35, 2.5, 9));
        assertEquals(List.of(1e-3, 1.0, 1e3, 1e6), LogScaleAxis.tickValues(1e-3, 1e6, 4), "every third decade");
    }

    @Test
    void labelsReadAsPlainNumbers() {
        assertEquals("0.3", LogScaleAxis.label(0.30000000000000004));
        assertEquals("2000", LogScaleAxis.label(2000));
        assertEquals("0.86", LogScaleAxis.label(0.86));
        assertEquals("1e7", LogScaleAxis.label(1e7));
        assertEquals("2.5e-5", LogScaleAxis.label(2.5e-5));
    }
}
