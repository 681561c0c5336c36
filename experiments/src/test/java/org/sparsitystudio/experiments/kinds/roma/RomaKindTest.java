package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.spi.ChartSpec;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.RecordingContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;

class RomaKindTest {

    private final RomaKind kind = new RomaKind();

    /** A run small enough for a unit test: 32² scenes, d 8, one block, a handful of steps and images. */
    private Design tiny(String backbone) {
        return Design.of(RomaKind.ID).withParameter("backbone", backbone).withParameter("imageSize", "32")
                .withParameter("d", 16).withParameter("layers", 1).withParameter("pretrainImages", 16)
                .withParameter("pretrainSteps", 4).withParameter("batchSize", 4).withParameter("probeEpochs", 2)
                .withParameter("probeImagesPerClass", 2).withParameter("testImagesPerClass", 1).withSeed(5);
    }

    private RunSpec one(Design design) {
        return Sweeps.expand(design, kind).get(0);
    }

    @Test
    void isFoundByItsStableIdAndDescribesItself() {
        assertTrue(ExperimentKinds.load().get(RomaKind.ID) instanceof RomaKind);
        assertEquals("RoMA: rotation-aware Mamba pretraining", kind.title());
        assertTrue(kind.paper().contains("NeurIPS 2025"));
        assertEquals("Step", kind.stepLabel(), "pre-training losses are reported at optimizer steps");
    }

    @Test
    void sweepSummaryChartsPlotAgainstParametersOrResultsTheyNameTheSettingsOf() {
        // a result on x (the parameter count) is found only when the chart names the settings behind it
        for (var chart : kind.charts()) {
            if (!chart.x().equals(org.sparsitystudio.experiments.spi.ChartSpec.STEP)) {
                assertTrue(kind.parameter(chart.x()).isPresent() || !chart.xFrom().isEmpty(),
                        chart.title() + ": x = " + chart.x());
            }
        }
    }

    @Test
    void scalingChartsAreLogLogWithAPowerLawPerSeries() {
        ChartSpec images = chart("Held-out loss vs pre-training images");
        assertTrue(images.logX() && images.logY());
        assertEquals(ChartSpec.Fit.POWER_LAW, images.fit());
        ChartSpec size = chart("Held-out loss vs parameters");
        assertTrue(size.logX() && size.logY());
        assertEquals(ChartSpec.Fit.POWER_LAW, size.fit());
        assertEquals(List.of("d", "layers"), size.xFrom(), "width and depth move a run along the parameter count");
        ChartSpec probe = chart("Probe accuracy vs pre-training images");
        assertTrue(probe.logX() && !probe.logY());
        assertEquals(ChartSpec.Fit.NONE, probe.fit(), "accuracy is not a power law; its error might be");
    }

    private ChartSpec chart(String title) {
        return kind.charts().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void defaultDesignIsASmallScalingGridAndSurvivesJson() {
        Design design = kind.defaultDesign();
        assertEquals(6, Sweeps.runCount(design));
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(json.write(design), json.write(json.read(json.write(design))));
        for (RunSpec run : Sweeps.expand(design, kind)) {
            assertTrue(kind.estimate(run).flops() > 0 && kind.estimate(run).steps() == 150);
        }
    }

    @Test
    void aTinyRunReportsEveryScaleAndReproducesBitForBit() throws Exception {
        RecordingContext a = new RecordingContext();
        RunResult ra = kind.run(one(tiny("mamba")), a);
        assertEquals(List.of("pretrainLoss", "pretrainLossScale1", "pretrainLossScale2", "pretrainLossScale4"),
                a.metrics.subList(0, 4).stream().map(RecordingContext.Point::name).toList());
        assertEquals(16, a.metrics.size());
        for (String name : List.of("probeAccuracy", "probeAccuracyRotated", "finalPretrainLoss", "heldOutLoss",
                "parameters")) {
            assertTrue(Double.isFinite(ra.results().get(name)), name + " in " + ra);
        }
        assertEquals(1.0, a.progress);
        RunResult rb = kind.run(one(tiny("mamba")), new RecordingContext());
        assertEquals(ra, rb);
    }

    @Test
    void ablationsAndBaselinesRun() throws Exception {
        RecordingContext oneScale = new RecordingContext();
        kind.run(one(tiny("mamba").withParameter("scales", "1").withParameter("rotation", false)
                .withParameter("angleEmbedding", false)), oneScale);
        assertTrue(oneScale.metrics.stream().noneMatch(p -> p.name().equals("pretrainLossScale2")));
        RunResult vit = kind.run(one(tiny("vit")), new RecordingContext());
        assertTrue(vit.results().containsKey("heldOutLoss"));
        RecordingContext random = new RecordingContext();
        RunResult r = kind.run(one(tiny("random-init").withParameter("fineTuneEpochs", 1)), random);
        assertTrue(random.metrics.isEmpty(), "random-init does not pre-train");
        assertFalse(r.results().containsKey("finalPretrainLoss"));
        assertTrue(r.results().containsKey("fineTuneAccuracyRotated"));
    }

    @Test
    void studyResultsFitPowerLawsWithinGroups() {
        Design design = Design.of(RomaKind.ID).withAxis("d", 16, 32).withAxis("pretrainImages", 1000, 4000, 16000);
        List<RunSpec> runs = Sweeps.expand(design, kind);
        List<Map<String, Double>> results = new ArrayList<>();
        for (RunSpec r : runs) {
            double d = r.intValue("d");
            double n = r.intValue("pretrainImages");
            // loss ∝ n^−0.2 at each width, parameters ∝ d², loss ∝ parameters^−0.1 at each n
            double params = 100 * d * d;
            results.add(Map.of("heldOutLoss", 3 * Math.pow(n, -0.2) * Math.pow(params, -0.1), "parameters", params,
                    "probeAccuracy", 1 - 0.5 * Math.pow(n, -0.25)));
        }
        List<Map<String, Double>> study = kind.studyResults(runs, results);
        for (Map<String, Double> m : study) {
            assertEquals(-0.2, m.get("fitExponent"), 1e-9);
            assertEquals(-0.25, m.get("probeErrorExponent"), 1e-9);
            assertEquals(-0.1, m.get("sizeFitExponent"), 1e-9);
        }
    }
}
