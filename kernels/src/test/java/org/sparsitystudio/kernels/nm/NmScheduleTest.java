package org.sparsitystudio.kernels.nm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.kernels.sparsity.NmPattern;

class NmScheduleTest {

    private static List<Integer> kept(NmPattern target) {
        return NmSchedule.structureFrames(target).stream().map(NmPattern::n).toList();
    }

    @Test
    void phasesSplitTheStepsAtFdAndOneMinusFft() {
        NmSchedule s = new NmSchedule(new NmPattern(2, 4), 100, 0.2, 0.1);
        assertEquals(20, s.decayStart());
        assertEquals(90, s.decayEnd());
        assertEquals(70, s.decaySteps());
        assertEquals(NmSchedule.Phase.DENSE, s.phase(19));
        assertEquals(NmSchedule.Phase.DECAY, s.phase(20));
        assertEquals(NmSchedule.Phase.DECAY, s.phase(89));
        assertEquals(NmSchedule.Phase.FINE_TUNE, s.phase(90));
    }

    @Test
    void linearBetaFallsByOneOverTDecayPerStep() {
        NmSchedule s = new NmSchedule(new NmPattern(1, 8), 100, 0.2, 0.1);
        assertEquals(1.0 / 70, s.linearAlpha(), 1e-15);
        assertEquals(1.0, s.linearBeta(0));
        assertEquals(1.0, s.linearBeta(20));
        assertEquals(0.5, s.linearBeta(55), 1e-12);
        assertEquals(1.0 / 70, s.linearBeta(89), 1e-12);
        assertEquals(0.0, s.linearBeta(90));
        assertEquals(0.0, s.linearBeta(99));
    }

    @Test
    void exponentialBetaReachesOneHundredthWhereTheDecayEnds() {
        NmSchedule s = new NmSchedule(new NmPattern(1, 8), 100, 0.2, 0.1);
        assertEquals(Math.log(100) / 70, s.exponentialAlpha(), 1e-15);
        assertEquals(1.0, s.exponentialBeta(20));
        assertEquals(0.1, s.exponentialBeta(55), 1e-12, "halfway: 100^(-1/2)");
        assertEquals(Math.pow(100, -69.0 / 70), s.exponentialBeta(89), 1e-12);
        assertEquals(0.01, Math.exp(-s.exponentialAlpha() * s.decaySteps()), 1e-12);
        assertEquals(0.0, s.exponentialBeta(90), "hard mask after the decay");
    }

    @Test
    void structureFramesHalveFromMMinusOneToN() {
        assertEquals(List.of(15, 8, 4, 2, 1), kept(new NmPattern(1, 16)));
        assertEquals(List.of(31, 16, 8, 4, 2, 1), kept(new NmPattern(1, 32)));
        assertEquals(List.of(31, 16, 8, 4, 2), kept(new NmPattern(2, 32)));
        assertEquals(List.of(3, 2), kept(new NmPattern(2, 4)));
        assertEquals(List.of(3, 2, 1), kept(new NmPattern(1, 4)));
        assertEquals(List.of(15, 8, 4), kept(new NmPattern(4, 16)));
        assertEquals(List.of(3), kept(new NmPattern(3, 4)), "M − 1 = N: one frame");
        assertEquals(List.of(7, 4, 3), kept(new NmPattern(3, 8)), "M/N not a power of two still ends at N");
    }

    @Test
    void sdgfFramesOfOneSixteenthChangeAtEqualSteps() {
        NmSchedule s = new NmSchedule(new NmPattern(1, 16), 100, 0.1, 0.1);
        // decay [10, 90): five frames of 16 steps
        assertNull(s.structureAt(9));
        int[] firstSteps = {10, 26, 42, 58, 74};
        int[] kept = {15, 8, 4, 2, 1};
        for (int k = 0; k < 5; k++) {
            assertEquals(firstSteps[k], s.frameStart(k));
            assertEquals(kept[k], s.structureAt(firstSteps[k]).n());
            if (k > 0) {
                assertEquals(kept[k - 1], s.structureAt(firstSteps[k] - 1).n(), "frame " + k + " starts exactly there");
            }
        }
        assertEquals(1, s.structureAt(90).n());
        assertEquals(new NmPattern(1, 16), s.structureAt(99));
    }

    @Test
    void unevenFramesFollowFloorOfTKOverD() {
        NmSchedule s = new NmSchedule(new NmPattern(2, 4), 7, 0, 0);
        int[] expected = {3, 3, 3, 3, 2, 2, 2};
        for (int step = 0; step < 7; step++) {
            assertEquals(expected[step], s.structureAt(step).n(), "step " + step);
        }
        assertEquals(4, s.frameStart(1));
    }

    @Test
    void rejectsImpossibleFractions() {
        NmPattern p = new NmPattern(2, 4);
        assertThrows(IllegalArgumentException.class, () -> new NmSchedule(p, 10, 0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new NmSchedule(p, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NmSchedule(p, 10, -0.1, 0));
    }
}
