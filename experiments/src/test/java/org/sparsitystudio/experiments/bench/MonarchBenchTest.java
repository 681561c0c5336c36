package org.sparsitystudio.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MonarchBenchTest {

    @Test
    void defaultBlocksIsRootNRoundedToAPowerOfTwo() {
        assertEquals(32, MonarchBench.defaultBlocks(1024));
        assertEquals(64, MonarchBench.defaultBlocks(2048));
        assertEquals(64, MonarchBench.defaultBlocks(4096));
        assertEquals(1, MonarchBench.defaultBlocks(1));
    }

    @Test
    void reportsRatiosOfTheSquareCase() {
        MonarchBench.Result r = MonarchBench.measure(64, 8, 4);
        assertEquals(64 * 64, r.denseParameters());
        assertEquals(64 * (8 + 8), r.monarchParameters());
        assertEquals(4.0, r.parameterRatio(), 1e-12);
        assertEquals(4.0, r.flopRatio(), 1e-12, "no bias: FLOPs scale as parameters");
        assertTrue(r.denseForwardMillis() > 0 && r.monarchTrainMillis() > 0, r.toString());
        String table = MonarchBench.table(List.of(r));
        assertEquals(2, table.lines().count(), table);
    }

    /** The full table at n = 1024, 2048, 4096, batch 256; run with -Dsurefire.excludedGroups= -Dtest=MonarchBenchTest. */
    @Tag("bench")
    @Test
    void printsTheTable() {
        MonarchBench.main(new String[0]);
    }
}
