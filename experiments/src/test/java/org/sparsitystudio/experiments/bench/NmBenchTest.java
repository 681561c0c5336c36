package org.sparsitystudio.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.kernels.sparsity.NmPattern;

class NmBenchTest {

    @Test
    void reportsFlopReductionAndTimesOfASmallShape() {
        List<NmBench.Result> results = NmBench.run(8, new int[] {64}, List.of(new NmPattern(2, 4), new NmPattern(1, 32)),
                1, 3);
        assertEquals(2, results.size());
        assertEquals(2.0, results.get(0).flopReduction(), 1e-12);
        assertEquals(32.0, results.get(1).flopReduction(), 1e-12);
        assertTrue(results.get(0).denseMillis() > 0 && results.get(0).nmMillis() > 0, results.toString());
        String table = NmBench.table(results);
        assertEquals(3, table.lines().count(), table);
    }

    /** The table at n = 1024, 4096, batch 256, 2:4, 1:8, 1:32; run with -Dsurefire.excludedGroups= -Dtest=NmBenchTest. */
    @Tag("bench")
    @Test
    void printsTheTable() {
        NmBench.main(new String[0]);
    }
}
