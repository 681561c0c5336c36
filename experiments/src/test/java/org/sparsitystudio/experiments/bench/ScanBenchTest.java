package org.sparsitystudio.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ScanBenchTest {

    /** A tiny configuration: the bench code runs end to end, whatever the timings. */
    @Test
    void aSmallConfigurationRunsAndReportsPositiveTimes() {
        ScanBench.Result r = ScanBench.run(2, 8, 4, 3, 1, 1, 3, 0);
        assertTrue(r.forwardMillis() > 0 && r.forwardBackwardMillis() > 0, r.toString());
        assertTrue(r.toJson().contains("\"fwd_ms\""));
    }

    /** The peer's workload at 1 and 2 threads; prints the figures, asserts nothing about them. */
    @Test
    @Tag("bench")
    void peerWorkload() {
        for (int threads : new int[] {1, 2}) {
            System.out.println(ScanBench.run(threads).toJson());
        }
    }
}
