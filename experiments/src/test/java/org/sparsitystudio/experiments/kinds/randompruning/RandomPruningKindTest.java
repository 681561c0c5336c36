package org.sparsitystudio.experiments.kinds.randompruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.SweepSummary;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunListener;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.RunSpec;

class RandomPruningKindTest {

    private final RandomPruningKind kind = new RandomPruningKind();

    @Test
    void isFoundByItsStableId() {
        assertTrue(ExperimentKinds.load().get(RandomPruningKind.ID) instanceof RandomPruningKind);
    }

    @Test
    void defaultDesignIsTheSixtyRunSweepAndSurvivesJson() {
        Design design = kind.defaultDesign();
        SweepSummary summary = Sweeps.summarize(design, kind);
        assertEquals(60, Sweeps.runCount(design));
        assertTrue(summary.text().endsWith("= 60 runs"), summary.text());
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(json.write(design), json.write(json.read(json.write(design))));
    }

    @Test
    void estimateCountsTrainingFlopsOfTheMaskedNetwork() {
        List<RunSpec> runs = Sweeps.expand(Design.of(RandomPruningKind.ID).withAxis("sparsity", 0.0, 0.9), kind);
        double dense = kind.estimate(runs.get(0)).flops();
        double sparse = kind.estimate(runs.get(1)).flops();
        // reference MLP, 2 epochs: 3 × 532,810 FLOPs × 60,000 × 2
        assertEquals(3 * 532_810.0 * 60_000 * 2, dense, 1.0);
        assertTrue(sparse < 0.15 * dense, "90% sparse costs about a tenth: " + sparse / dense);
        assertEquals(2 * 469, kind.estimate(runs.get(0)).steps());
    }

    @Test
    void runsThroughTheExecutorOnTheEmbeddedSubset() throws Exception {
        Design design = Design.of(RandomPruningKind.ID).withParameter("epochs", 1).withParameter("data", "embedded")
                .withParameter("width", 0.5).withAxis("sparsity", 0.0, 0.9);
        Map<String, Double> results = new ConcurrentHashMap<>();
        Map<Integer, Integer> metrics = new ConcurrentHashMap<>();
        RunListener listener = new RunListener() {
            @Override
            public void result(RunSpec run, String name, double value) {
                results.put(run.index() + "." + name, value);
            }

            @Override
            public void metric(RunSpec run, String name, long step, double value, long wallMillis) {
                metrics.merge(run.index(), 1, Integer::sum);
            }
        };
        try (RunExecutor executor = new RunExecutor(1, listener, s -> Provenance.of(Map.of()))) {
            assertEquals(List.of(RunStatus.COMPLETED, RunStatus.COMPLETED),
                    executor.submit(kind, Sweeps.expand(design, kind)).await());
        }
        assertEquals(3, metrics.get(0), "train loss, train accuracy and test accuracy for the one epoch");
        assertTrue(results.get("0.finalTestAccuracy") > 0.6, results.toString());
        assertEquals(results.get("0.parameters"), results.get("1.parameters"));
        assertTrue(results.get("1.nonzeroParameters") < 0.15 * results.get("0.nonzeroParameters"), results.toString());
    }
}
