package org.sparsitystudio.experiments.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.spi.CostEstimate;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.spi.SweepAxis;
import org.sparsitystudio.experiments.spi.ToyQuadraticKind;

class SweepsTest {

    private final ToyQuadraticKind kind = new ToyQuadraticKind();

    private Design grid() {
        return Design.of(ToyQuadraticKind.ID).withSeed(11)
                .withParameter("steps", 7)
                .withAxis("dimension", 2, 4)
                .withAxis("sparsity", 0.5, 0.9)
                .withAxis("optimizer", "gd", "momentum");
    }

    @Test
    void gridProductInStableOrderWithTheLastAxisFastest() {
        List<RunSpec> runs = Sweeps.expand(grid(), kind);
        assertEquals(8, runs.size());
        assertEquals(List.of(
                "dimension=2 · sparsity=0.5 · gd", "dimension=2 · sparsity=0.5 · momentum",
                "dimension=2 · sparsity=0.9 · gd", "dimension=2 · sparsity=0.9 · momentum",
                "dimension=4 · sparsity=0.5 · gd", "dimension=4 · sparsity=0.5 · momentum",
                "dimension=4 · sparsity=0.9 · gd", "dimension=4 · sparsity=0.9 · momentum"),
                runs.stream().map(RunSpec::displayName).toList());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(i, runs.get(i).index());
        }
        RunSpec last = runs.get(7);
        assertEquals(4, last.intValue("dimension"));
        assertEquals(0.9, last.doubleValue("sparsity"));
        assertEquals("momentum", last.choice("optimizer"));
        assertEquals(7, last.intValue("steps"), "design value");
        assertEquals(0.05, last.doubleValue("learningRate"), "default");
        assertEquals(List.of(1.0, 10.0), last.numberList("curvatures"), "default list");
        assertEquals(kind.parameters().stream().map(p -> p.name()).toList(), List.copyOf(last.parameters().keySet()),
                "every parameter, in declaration order");
    }

    @Test
    void derivedSeedsAreReproducibleAndDistinct() {
        List<RunSpec> a = Sweeps.expand(grid(), kind);
        List<RunSpec> b = Sweeps.expand(grid(), kind);
        assertEquals(a, b);
        Set<Long> seeds = new HashSet<>();
        a.forEach(r -> seeds.add(r.seed()));
        assertEquals(8, seeds.size(), "different positions get different seeds");
        for (RunSpec r : a) {
            assertEquals(RunSeeds.derive(11, r.index()), r.seed());
        }
        List<RunSpec> other = Sweeps.expand(grid().withSeed(12), kind);
        assertNotEquals(a.get(0).seed(), other.get(0).seed());
        // a plain seed + index would make these two collide
        assertNotEquals(RunSeeds.derive(0, 1), RunSeeds.derive(1, 0));
    }

    @Test
    void derivedSeedFunctionNeverChanges() {
        // pinned: stored studies are reproduced by recomputing seeds
        assertEquals(0xE220A8397B1DCDAFL, RunSeeds.derive(0, 0));
        assertEquals(RunSeeds.mix(0x9E3779B97F4A7C15L * 2), RunSeeds.derive(0, 1));
    }

    @Test
    void anExplicitSeedAxisIsUsedVerbatim() {
        Design d = Design.of(ToyQuadraticKind.ID).withSeed(99)
                .withAxis("sparsity", 0.0, 0.5).withAxis(SweepAxis.seeds(1, 2, 3));
        List<RunSpec> runs = Sweeps.expand(d, kind);
        assertEquals(List.of(1L, 2L, 3L, 1L, 2L, 3L), runs.stream().map(RunSpec::seed).toList());
        assertEquals("sparsity=0 · seed 1", runs.get(0).displayName());
        assertEquals("sparsity=0.5 · seed 3", runs.get(5).displayName());
        assertFalse(runs.get(0).parameters().containsKey("seed"));
    }

    @Test
    void theSameRunSpecReproducesTheRunBitForBit() throws Exception {
        List<RunSpec> runs = Sweeps.expand(kind.defaultDesign(), kind);
        var first = new org.sparsitystudio.experiments.spi.RecordingContext();
        var again = new org.sparsitystudio.experiments.spi.RecordingContext();
        kind.run(runs.get(3), first);
        kind.run(Sweeps.expand(kind.defaultDesign(), kind).get(3), again);
        assertEquals(first.metrics, again.metrics);
    }

    @Test
    void summaryCountsRunsAndSumsCost() {
        Design d = Design.of(ToyQuadraticKind.ID)
                .withAxis("dimension", 1, 2, 3, 4, 5)
                .withAxis("sparsity", 0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
                .withAxis("optimizer", "gd", "momentum")
                .withAxis(SweepAxis.seeds(1, 2, 3));
        SweepSummary s = Sweeps.summarize(d, kind);
        assertEquals(180, s.runCount());
        assertEquals("5 dimensions × 6 sparsities × 2 optimizers × 3 seeds = 180 runs", s.text());
        // each run: 4 · dimension · 20 steps; dimensions sum to 15, each repeated 36 times
        assertEquals(4.0 * 20 * 15 * 36, s.cost().flops());
        assertEquals(180L * 20, s.cost().steps());
        assertEquals(Duration.ofSeconds(36), s.timeFromSteps(0.01).orElseThrow());
        assertEquals(Duration.ofMillis(432), s.timeFromFlops(1e-5).orElseThrow());
        assertEquals("1 run", Sweeps.summarize(Design.of(ToyQuadraticKind.ID), kind).text());
        assertEquals("single run", Sweeps.expand(Design.of(ToyQuadraticKind.ID), kind).get(0).displayName());
    }

    @Test
    void unknownCostsStayUnknown() {
        CostEstimate sum = CostEstimate.of(10, 2).plus(CostEstimate.unknown());
        assertFalse(sum.hasFlops());
        assertFalse(sum.hasSteps());
        assertTrue(new SweepSummary(List.of(), 1, sum).timeFromFlops(1).isEmpty());
    }

    @Test
    void expansionValidatesTheDesign() {
        Design bad = Design.of(ToyQuadraticKind.ID).withAxis("sparsity", 0.5, 1.2);
        DesignException e = assertThrows(DesignException.class, () -> Sweeps.expand(bad, kind));
        assertTrue(e.getMessage().contains("sparsity = 1.2 is outside [0, 0.99]"), e.getMessage());
        Design huge = Design.of(ToyQuadraticKind.ID)
                .withAxis("dimension", java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toArray())
                .withAxis("steps", java.util.stream.IntStream.rangeClosed(1, 1001).boxed().toArray());
        assertThrows(DesignException.class, () -> Sweeps.runCount(huge));
    }

    @Test
    void pluralsReadNaturally() {
        assertEquals("widths", SweepSummary.plural("width"));
        assertEquals("sparsities", SweepSummary.plural("sparsity"));
        assertEquals("patches", SweepSummary.plural("patch"));
        assertEquals("keys", SweepSummary.plural("key"));
        assertEquals("blocks", SweepSummary.plural("blocks"), "already plural");
        assertEquals("fineTuneEpochs", SweepSummary.plural("fineTuneEpochs"));
        assertEquals("classes", SweepSummary.plural("class"));
        assertEquals("biases", SweepSummary.plural("bias"));
        assertEquals("pretrainImages", SweepSummary.plural("pretrainImages"), "already plural");
    }

    @Test
    void symbolsAreCountedAsValues() {
        SweepSummary summary = new SweepSummary(List.of(new SweepSummary.Axis("m", 2),
                new SweepSummary.Axis("method", 4), new SweepSummary.Axis("d", 1)), 8,
                org.sparsitystudio.experiments.spi.CostEstimate.unknown());
        assertEquals("2 values of m × 4 methods × 1 value of d = 8 runs", summary.text());
    }
}
