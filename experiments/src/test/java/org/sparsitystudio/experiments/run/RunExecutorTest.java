package org.sparsitystudio.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.RunContext;
import org.sparsitystudio.experiments.spi.RunResult;
import org.sparsitystudio.experiments.spi.RunSpec;
import org.sparsitystudio.experiments.spi.ToyQuadraticKind;
import org.sparsitystudio.experiments.training.DivergedException;

/** The executor on a real (tiny) kind: statuses, events, failure isolation and cancellation. */
class RunExecutorTest {

    /** Records every event. */
    private static final class Recorder implements RunListener {
        final Map<Integer, RunStatus> status = new ConcurrentHashMap<>();
        final Map<Integer, String> errors = new ConcurrentHashMap<>();
        final Map<Integer, Provenance> provenance = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch firstMetric = new CountDownLatch(1);

        @Override
        public void started(RunSpec run, Provenance p) {
            events.add("start " + run.index());
        }

        @Override
        public void metric(RunSpec run, String name, long step, double value, long wallMillis) {
            events.add("metric " + run.index() + " " + step);
            firstMetric.countDown();
        }

        @Override
        public void result(RunSpec run, String name, double value) {
            events.add("result " + run.index() + " " + name);
        }

        @Override
        public void finished(RunSpec run, RunStatus s, String error, Provenance p) {
            status.put(run.index(), s);
            if (error != null) {
                errors.put(run.index(), error);
            }
            provenance.put(run.index(), p);
        }
    }

    /** Wraps the toy kind so chosen runs fail or diverge the way real kinds do. */
    private static ExperimentKind failingAt(int failIndex, int divergeIndex) {
        ToyQuadraticKind toy = new ToyQuadraticKind();
        return (ExperimentKind) java.lang.reflect.Proxy.newProxyInstance(ExperimentKind.class.getClassLoader(),
                new Class<?>[] {ExperimentKind.class}, (proxy, method, args) -> {
                    if (method.getName().equals("run")) {
                        RunSpec spec = (RunSpec) args[0];
                        if (spec.index() == failIndex) {
                            throw new IllegalStateException("the data file vanished");
                        }
                        if (spec.index() == divergeIndex) {
                            throw new DivergedException(3, Double.NaN);
                        }
                        return toy.run(spec, (RunContext) args[1]);
                    }
                    return method.invoke(toy, args);
                });
    }

    private static Provenance provenanceOf(RunSpec spec) {
        return Provenance.of(Map.of("kind", spec.kind(), "seed", Long.toString(spec.seed())));
    }

    @Test
    void runsCompleteAndFailuresDoNotStopTheStudy() throws Exception {
        ExperimentKind kind = failingAt(1, 2);
        List<RunSpec> runs = Sweeps.expand(Design.of(ToyQuadraticKind.ID).withAxis("sparsity", 0.0, 0.1, 0.2, 0.3), kind);
        Recorder recorder = new Recorder();
        try (RunExecutor executor = new RunExecutor(1, recorder, RunExecutorTest::provenanceOf)) {
            List<RunStatus> statuses = executor.submit(kind, runs).await();
            assertEquals(List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.DIVERGED, RunStatus.COMPLETED), statuses);
        }
        assertEquals("the data file vanished", recorder.errors.get(1));
        assertTrue(recorder.errors.get(2).contains("NaN"), recorder.errors.get(2));
        assertTrue(recorder.events.contains("result 0 finalLoss"));
        assertTrue(recorder.events.contains("metric 3 19"), "the run after the failures ran in full");
        Provenance p = recorder.provenance.get(0);
        assertTrue(p.entries().containsKey("startedAt") && p.entries().containsKey("endedAt"), p.entries().toString());
        assertTrue(recorder.provenance.get(1).entries().containsKey("endedAt"), "failed runs keep provenance too");
    }

    @Test
    void cancellingARunStopsItWithinOneStepAndTheQueueGoesOn() throws Exception {
        ToyQuadraticKind kind = new ToyQuadraticKind();
        Design design = Design.of(ToyQuadraticKind.ID).withParameter("steps", 10_000).withAxis("sparsity", 0.0, 0.5);
        List<RunSpec> runs = Sweeps.expand(design, kind);
        Recorder recorder = new Recorder();
        try (RunExecutor executor = new RunExecutor(1, recorder, RunExecutorTest::provenanceOf)) {
            RunExecutor.StudyHandle handle = executor.submit(kind, runs);
            assertTrue(recorder.firstMetric.await(10, TimeUnit.SECONDS));
            handle.cancel(0);
            List<RunStatus> statuses = handle.await();
            assertEquals(RunStatus.CANCELLED, statuses.get(0));
            assertEquals(RunStatus.COMPLETED, statuses.get(1));
        }
        long metricsOfRun0 = recorder.events.stream().filter(e -> e.startsWith("metric 0 ")).count();
        assertTrue(metricsOfRun0 < 10_000, "run 0 stopped early: " + metricsOfRun0 + " steps");
    }

    @Test
    void cancellingAQueuedRunMeansItNeverStarts() throws Exception {
        ToyQuadraticKind kind = new ToyQuadraticKind();
        Design design = Design.of(ToyQuadraticKind.ID).withParameter("steps", 2_000).withAxis("sparsity", 0.0, 0.5, 0.7);
        Recorder recorder = new Recorder();
        try (RunExecutor executor = new RunExecutor(1, recorder, RunExecutorTest::provenanceOf)) {
            RunExecutor.StudyHandle handle = executor.submit(kind, Sweeps.expand(design, kind));
            handle.cancel(1);
            List<RunStatus> statuses = handle.await();
            assertEquals(List.of(RunStatus.COMPLETED, RunStatus.CANCELLED, RunStatus.COMPLETED), statuses);
        }
        assertTrue(recorder.events.stream().noneMatch(e -> e.startsWith("metric 1 ")), "run 1 never trained");
    }

    @Test
    void cancellingTheStudySkipsQueuedRuns() throws Exception {
        ToyQuadraticKind kind = new ToyQuadraticKind();
        Design design = Design.of(ToyQuadraticKind.ID).withParameter("steps", 10_000).withAxis("sparsity", 0.0, 0.5, 0.7);
        Recorder recorder = new Recorder();
        try (RunExecutor executor = new RunExecutor(1, recorder, RunExecutorTest::provenanceOf)) {
            RunExecutor.StudyHandle handle = executor.submit(kind, Sweeps.expand(design, kind));
            assertTrue(recorder.firstMetric.await(10, TimeUnit.SECONDS));
            handle.cancel();
            assertEquals(List.of(RunStatus.CANCELLED, RunStatus.CANCELLED, RunStatus.CANCELLED), handle.await());
        }
        assertTrue(recorder.events.stream().noneMatch(e -> e.equals("start 1") || e.equals("start 2")),
                "queued runs never started: " + recorder.events.stream().filter(e -> e.startsWith("start")).toList());
    }

    @Test
    void sameSpecGivesBitIdenticalResults() throws Exception {
        ToyQuadraticKind kind = new ToyQuadraticKind();
        List<RunSpec> runs = Sweeps.expand(Design.of(ToyQuadraticKind.ID).withSeed(42), kind);
        double[] results = new double[2];
        for (int i = 0; i < 2; i++) {
            int slot = i;
            RunListener listener = new RunListener() {
                @Override
                public void result(RunSpec run, String name, double value) {
                    results[slot] = value;
                }
            };
            try (RunExecutor executor = new RunExecutor(1, listener, RunExecutorTest::provenanceOf)) {
                executor.submit(kind, runs).await();
            }
        }
        assertEquals(Double.doubleToLongBits(results[0]), Double.doubleToLongBits(results[1]));
    }

    @Test
    void artifactsReachEveryListenerAndEachRunKeepsOneOutputFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ToyQuadraticKind toy = new ToyQuadraticKind();
        ExperimentKind kind = (ExperimentKind) java.lang.reflect.Proxy.newProxyInstance(
                ExperimentKind.class.getClassLoader(), new Class<?>[] {ExperimentKind.class}, (proxy, method, args) -> {
                    if (method.getName().equals("run")) {
                        RunContext context = (RunContext) args[1];
                        java.nio.file.Path folder = context.outputDirectory();
                        assertEquals(folder, context.outputDirectory(), "the same folder on every call");
                        context.artifact("checkpoint", java.nio.file.Files.writeString(folder.resolve("x.txt"), "x"));
                        return RunResult.empty();
                    }
                    return method.invoke(toy, args);
                });
        List<RunSpec> runs = Sweeps.expand(Design.of(ToyQuadraticKind.ID).withAxis("sparsity", 0.0, 0.1), kind);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        RunListener a = new RunListener() {
            @Override
            public void artifact(RunSpec run, String what, java.nio.file.Path file) {
                first.add(run.index() + " " + what + " " + file);
            }
        };
        RunListener b = new RunListener() {
            @Override
            public void artifact(RunSpec run, String what, java.nio.file.Path file) {
                second.add(run.index() + " " + what + " " + file);
            }
        };
        try (RunExecutor executor = new RunExecutor(1, RunListeners.of(a, b), RunExecutorTest::provenanceOf, dir)) {
            assertEquals(List.of(RunStatus.COMPLETED, RunStatus.COMPLETED), executor.submit(kind, runs).await());
        }
        assertEquals(first, second);
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.stream().allMatch(line -> line.contains(dir.toString())), first.toString());
        assertTrue(!first.get(0).substring(2).equals(first.get(1).substring(2)), "each run has its own folder: " + first);
    }
}
