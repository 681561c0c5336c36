package org.sparsitystudio.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.run.Provenance;
import org.sparsitystudio.experiments.run.RunExecutor;
import org.sparsitystudio.experiments.run.RunStatus;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.RunSpec;

/** The runs table fed by a real executor running a real (tiny) study; the UI thread is a queue we drain. */
class RunsViewModelTest {

    @Test
    void rowsFollowTheExecutorInBatches() throws Exception {
        RandomPruningKind kind = new RandomPruningKind();
        Design design = Design.of(RandomPruningKind.ID).withParameter("epochs", 1).withParameter("data", "embedded")
                .withParameter("width", 0.25).withAxis("sparsity", 0.0, 0.9);
        List<RunSpec> runs = Sweeps.expand(design, kind);
        ConcurrentLinkedQueue<Runnable> ui = new ConcurrentLinkedQueue<>();
        RunsViewModel vm = new RunsViewModel(runs, ui::add);
        assertEquals("0 running · 2 queued · 0 completed", vm.queueStateProperty().get());
        try (RunExecutor executor = new RunExecutor(1, vm, s -> Provenance.of(java.util.Map.of()))) {
            executor.submit(kind, runs).await();
        }
        assertTrue(ui.size() < 10, "events were coalesced into few UI tasks: " + ui.size());
        ui.forEach(Runnable::run);
        assertEquals(RunStatus.COMPLETED, vm.rows().get(0).statusProperty().get());
        assertEquals(1.0, vm.rows().get(1).progressProperty().get());
        assertTrue(vm.rows().get(0).resultProperty().get().endsWith("%"), vm.rows().get(0).resultProperty().get());
        assertEquals("0 running · 0 queued · 2 completed", vm.queueStateProperty().get());
    }
}
