package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerLawFitTest {

    @Test
    void recoversAnExactPowerLaw() {
        double[] x = {1000, 4000, 16000};
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) {
            y[i] = 2.5 * Math.pow(x[i], -0.3);
        }
        PowerLawFit fit = PowerLawFit.fit(x, y);
        assertEquals(-0.3, fit.exponent(), 1e-12);
        assertEquals(2.5, fit.prefactor(), 1e-10);
        assertEquals(1.0, fit.rSquared(), 1e-12);
        assertEquals(2.5 * Math.pow(8000, -0.3), fit.predict(8000), 1e-12);
    }

    @Test
    void recoversTheExponentUnderMultiplicativeNoise() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, 1 + 4 * rng.nextDouble());
            y[i] = 0.8 * Math.pow(x[i], 0.5) * Math.exp(0.05 * (rng.nextDouble() - 0.5));
        }
        PowerLawFit fit = PowerLawFit.fit(x, y);
        assertEquals(0.5, fit.exponent(), 0.005);
        assertTrue(fit.rSquared() > 0.99);
        assertEquals(n, fit.points());
    }

    @Test
    void refusesWhatHasNoPowerLaw() {
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 1}, new double[] {2, 3}));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2}, new double[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1}));
    }
}
