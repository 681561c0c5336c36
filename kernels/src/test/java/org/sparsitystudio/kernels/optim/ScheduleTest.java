package org.sparsitystudio.kernels.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void stepScheduleMultipliesEveryInterval() {
        Schedule s = Schedule.step(0.1, 10, 0.5);
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(0.1, s.lr(9), 1e-15);
        assertEquals(0.05, s.lr(10), 1e-15);
        assertEquals(0.025, s.lr(25), 1e-15);
    }

    @Test
    void cosineGoesFromBaseToMinimum() {
        Schedule s = Schedule.cosine(1.0, 100, 0.1);
        assertEquals(1.0, s.lr(0), 1e-15);
        assertEquals(0.55, s.lr(50), 1e-12);
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.25)) / 2, s.lr(25), 1e-12);
        assertEquals(0.1, s.lr(100), 1e-15);
        assertEquals(0.1, s.lr(500), 1e-15);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        Schedule s = Schedule.cosine(1.0, 100, 0.0).withLinearWarmup(10);
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(0.5, s.lr(4), 1e-15);
        assertEquals(1.0, s.lr(9), 1e-15);
        assertEquals(1.0, s.lr(10), 1e-15);
        assertEquals(0.5, s.lr(60), 1e-12);
    }
}
