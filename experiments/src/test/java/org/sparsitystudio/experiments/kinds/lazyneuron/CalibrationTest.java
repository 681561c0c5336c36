package org.sparsitystudio.experiments.kinds.lazyneuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void eceOfAKnownExampleByHand() {
        // 15 bins of width 1/15 ≈ 0.0667: 0.95 and 0.97 fall in bin 15, 0.55 and 0.58 in bin 9
        // ((0.5333, 0.6]), 0.30 in bin 5 ((0.2667, 0.3333]).
        double[] confidence = {0.95, 0.97, 0.55, 0.58, 0.30};
        boolean[] correct = {true, false, true, true, false};
        Calibration c = Calibration.of(confidence, correct, 15);
        // bin 15: acc 0.5, conf 0.96 → |·| 0.46, weight 2/5
        // bin 9: acc 1, conf 0.565 → 0.435, weight 2/5
        // bin 5: acc 0, conf 0.30 → 0.30, weight 1/5
        double expected = 0.4 * 0.46 + 0.4 * 0.435 + 0.2 * 0.30;
        assertEquals(expected, c.ece(), 1e-12);
        assertEquals(0.418, c.ece(), 1e-12);
        assertEquals(15, c.bins().size());
        assertEquals(2, c.bins().get(14).count());
        assertEquals(0.96, c.bins().get(14).confidence(), 1e-12);
        assertEquals(1.0, c.bins().get(8).accuracy());
        assertEquals(1, c.bins().get(4).count());
        assertEquals(0, c.bins().get(0).count());
        assertTrue(Double.isNaN(c.bins().get(0).accuracy()));
        assertEquals(5, c.samples());
    }

    @Test
    void perfectlyCalibratedPredictionsHaveZeroError() {
        double[] confidence = {1, 1, 1, 0.5, 0.5};
        boolean[] correct = {true, true, true, true, false};
        assertEquals(0, Calibration.of(confidence, correct, 15).ece(), 1e-12);
    }

    @Test
    void binsAreRightClosed() {
        assertEquals(0, Calibration.bin(0.0, 10));
        assertEquals(0, Calibration.bin(0.1, 10));
        assertEquals(1, Calibration.bin(0.1000001, 10));
        assertEquals(9, Calibration.bin(1.0, 10));
    }
}
