package org.sparsitystudio.experiments.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.training.CancelledException;

class ExperimentKindsTest {

    @Test
    void serviceLoaderFindsTheTestKind() {
        ExperimentKinds kinds = ExperimentKinds.load();
        assertTrue(kinds.ids().contains(ToyQuadraticKind.ID), kinds.ids().toString());
        assertInstanceOf(ToyQuadraticKind.class, kinds.get(ToyQuadraticKind.ID));
        assertTrue(kinds.find("nope").isEmpty());
    }

    @Test
    void unknownIdNamesItAndListsTheKnownOnes() {
        ExperimentKinds kinds = new ExperimentKinds(List.of(new ToyQuadraticKind()));
        UnknownKindException e = assertThrows(UnknownKindException.class, () -> kinds.get("random-prunning"));
        assertEquals("unknown experiment kind \"random-prunning\"; known kinds: toy-quadratic", e.getMessage());
        assertEquals("random-prunning", e.id());
    }

    @Test
    void duplicateIdsAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ExperimentKinds(List.of(new ToyQuadraticKind(), new ToyQuadraticKind())));
        assertTrue(e.getMessage().contains("toy-quadratic"), e.getMessage());
    }

    @Test
    void aChartNamingAnUndeclaredMetricIsRefused() {
        ExperimentKind broken = new Delegate(new ToyQuadraticKind()) {
            @Override
            public List<ChartSpec> charts() {
                return List.of(new ChartSpec("Accuracy", ChartSpec.STEP, "accuracy", null, false, false));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ExperimentKinds(List.of(broken)));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("toy-quadratic"), e.getMessage());
    }

    @Test
    void aMetricVersusMetricChartNeedsTwoPerStepMetrics() {
        ExperimentKind good = new Delegate(new ToyQuadraticKind()) {
            @Override
            public List<MetricSpec> metrics() {
                return List.of(MetricSpec.perStep("loss", ""), MetricSpec.perStep("stepSize", ""),
                        MetricSpec.result("finalLoss", ""));
            }

            @Override
            public List<ChartSpec> charts() {
                return List.of(ChartSpec.metricVsMetric("Loss vs step size", "stepSize", "loss", "optimizer", true, true));
            }
        };
        ChartSpec chart = new ExperimentKinds(List.of(good)).get(ToyQuadraticKind.ID).charts().get(0);
        assertEquals("stepSize", chart.x());
        assertEquals(java.util.Optional.of("stepSize"), chart.xMetricName());
        assertTrue(chart.pairsMetricsByStep());
        assertTrue(!new ChartSpec("Loss", ChartSpec.STEP, "loss", null, false, false).pairsMetricsByStep());

        ExperimentKind broken = new Delegate(good) {
            @Override
            public List<ChartSpec> charts() {
                return List.of(ChartSpec.metricVsMetric("Final loss vs step size", "stepSize", "finalLoss", null, false,
                        false));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ExperimentKinds(List.of(broken)));
        assertTrue(e.getMessage().contains("per-step"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", "a", "b", null, false, false, "c"));
    }

    @Test
    void theTestKindRunsAndReproducesBitForBit() throws Exception {
        ToyQuadraticKind kind = new ToyQuadraticKind();
        RunSpec spec = new RunSpec(kind.id(), 0, defaults(kind), 42, "single run");
        RecordingContext a = new RecordingContext();
        RecordingContext b = new RecordingContext();
        RunResult ra = kind.run(spec, a);
        RunResult rb = kind.run(spec, b);
        assertEquals(20, a.metrics.size());
        assertEquals(a.metrics, b.metrics); // record equality compares doubles bit for bit
        assertEquals(ra, rb);
        assertTrue(a.metrics.get(19).value() < a.metrics.get(0).value(), "gradient descent lowers the loss");
        assertEquals(1.0, a.progress);
        RunResult other = kind.run(new RunSpec(kind.id(), 0, defaults(kind), 43, "single run"), new RecordingContext());
        assertTrue(!ra.equals(other), "another seed starts elsewhere");
    }

    @Test
    void cancellationStopsBetweenSteps() {
        ToyQuadraticKind kind = new ToyQuadraticKind();
        RunSpec spec = new RunSpec(kind.id(), 0, defaults(kind), 1, "single run");
        RecordingContext ctx = new RecordingContext(5);
        assertThrows(CancelledException.class, () -> kind.run(spec, ctx));
        assertEquals(5, ctx.metrics.size());
    }

    private static Map<String, Object> defaults(ExperimentKind kind) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        kind.parameters().forEach(p -> m.put(p.name(), p.defaultValue()));
        return m;
    }

    /** Forwards everything, so a test can override one declaration. */
    @Test
    void logYAndFitsAreOptInAndTheOldFormsStillMeanWhatTheyMeant() {
        ChartSpec old = new ChartSpec("Final loss vs steps", "steps", "finalLoss", "optimizer", false, true);
        assertTrue(!old.logY() && old.fit() == ChartSpec.Fit.NONE && old.xFrom().isEmpty());
        assertEquals(old, new ChartSpec("Final loss vs steps", "steps", "finalLoss", "optimizer", false, true, null));
        ChartSpec scaling = old.withPowerLawFit();
        assertTrue(scaling.logX() && scaling.logY(), "a power law is read on log-log axes");
        assertEquals(ChartSpec.Fit.POWER_LAW, scaling.fit());
        assertEquals(new ChartSpec("Final loss vs steps", "steps", "finalLoss", "optimizer", true, true)
                .withLogY(true).withFit(ChartSpec.Fit.POWER_LAW), scaling);
    }

    @Test
    void xSetByAnUndeclaredParameterIsRefused() {
        ExperimentKind good = new Delegate(new ToyQuadraticKind()) {
            @Override
            public List<ChartSpec> charts() {
                return List.of(new ChartSpec("Final loss vs loss", "loss", "finalLoss", null, true, true)
                        .withXFrom("dimension"));
            }
        };
        new ExperimentKinds(List.of(good));
        ExperimentKind broken = new Delegate(new ToyQuadraticKind()) {
            @Override
            public List<ChartSpec> charts() {
                return List.of(new ChartSpec("Final loss vs loss", "loss", "finalLoss", null, true, true)
                        .withXFrom("width"));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ExperimentKinds(List.of(broken)));
        assertTrue(e.getMessage().contains("\"width\""), e.getMessage());
    }

    private static class Delegate implements ExperimentKind {
        private final ExperimentKind k;

        Delegate(ExperimentKind k) {
            this.k = k;
        }

        @Override
        public String id() {
            return k.id();
        }

        @Override
        public String title() {
            return k.title();
        }

        @Override
        public String description() {
            return k.description();
        }

        @Override
        public String paper() {
            return k.paper();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return k.parameters();
        }

        @Override
        public List<MetricSpec> metrics() {
            return k.metrics();
        }

        @Override
        public List<ChartSpec> charts() {
            return k.charts();
        }

        @Override
        public RunResult run(RunSpec spec, RunContext context) throws Exception {
            return k.run(spec, context);
        }
    }
}
