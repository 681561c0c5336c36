package org.sparsitystudio.app.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.design.DesignJson;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;

/** The designer form's behaviour, without starting the JavaFX toolkit. */
class DesignerViewModelTest {

    private final RandomPruningKind kind = new RandomPruningKind();
    private final DesignerViewModel vm = new DesignerViewModel(kind);

    @Test
    void startsFromTheKindsDefaultDesign() {
        assertTrue(vm.validProperty().get(), vm.summaryProperty().get());
        assertEquals("6 sparsities × 5 widths × 2 distributions = 60 runs", vm.summaryProperty().get());
        assertTrue(vm.field("sparsity").sweptProperty().get());
        assertEquals("0, 0.5, 0.8, 0.9, 0.95, 0.98", vm.field("sparsity").textProperty().get());
        assertEquals(kind.parameters().size(), vm.fields().size(), "one field per declared parameter");
        // the form writes every value explicitly; it describes exactly the default design's runs
        assertEquals(Sweeps.expand(kind.defaultDesign(), kind), Sweeps.expand(vm.toDesign(), kind));
        DesignJson json = new DesignJson(new ExperimentKinds(List.of(kind)));
        assertEquals(Sweeps.expand(vm.toDesign(), kind), Sweeps.expand(json.read(json.write(vm.toDesign())), kind));
    }

    @Test
    void anInvalidValueIsMarkedAtOnceWithTheReasonAndBlocksRunning() {
        vm.field("width").textProperty().set("0.25, 99");
        assertFalse(vm.validProperty().get());
        assertTrue(vm.field("width").errorProperty().get().contains("width = 99 is outside [0.05, 16]"),
                vm.field("width").errorProperty().get());
        assertEquals(vm.field("width").errorProperty().get(), vm.summaryProperty().get());
        assertThrows(IllegalStateException.class, vm::toDesign);
        vm.field("width").textProperty().set("0.25, 4");
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.field("width").errorProperty().get());
    }

    @Test
    void theSummaryFollowsEveryEdit() {
        vm.field("sparsity").sweptProperty().set(false);
        vm.field("sparsity").textProperty().set("0.9");
        assertEquals("5 widths × 2 distributions = 10 runs", vm.summaryProperty().get());
        vm.seedsProperty().set("1, 2, 3");
        assertEquals("5 widths × 2 distributions × 3 seeds = 30 runs", vm.summaryProperty().get());
        vm.seedsProperty().set("1, two");
        assertFalse(vm.validProperty().get());
        assertTrue(vm.summaryProperty().get().contains("seeds must be whole numbers"), vm.summaryProperty().get());
    }

    @Test
    void aDecimalCommaIsRejectedWithAClearMessage() {
        vm.field("learningRate").textProperty().set("0,001");
        assertFalse(vm.validProperty().get());
        assertTrue(vm.field("learningRate").errorProperty().get().toLowerCase().contains("decimal"),
                vm.field("learningRate").errorProperty().get());
    }

    @Test
    void loadingADesignFillsTheForm() {
        vm.load(kind.defaultDesign().withParameter("epochs", 7).withName("wide nets"));
        assertEquals("7", vm.field("epochs").textProperty().get());
        assertEquals("wide nets", vm.nameProperty().get());
        assertEquals(7, vm.toDesign().parameters().get("epochs"));
    }

    @Test
    void thePreviewFollowsEveryEdit() {
        vm.field("sparsity").sweptProperty().set(false);
        vm.field("sparsity").textProperty().set("0.9");
        vm.field("distribution").sweptProperty().set(false);
        vm.field("distribution").textProperty().set("uniform");
        var uniform = vm.previewProperty().get();
        assertTrue(uniform.bars().stream().allMatch(b -> Math.abs(b.value() - 10) < 1e-9), "uniform: every layer at 10 %");
        vm.field("distribution").textProperty().set("erk");
        var erk = vm.previewProperty().get();
        assertTrue(erk.bars().get(erk.bars().size() - 1).value() > 10, "ERK keeps more of the small last layer");
        vm.field("epochs").textProperty().set("0");
        assertEquals(null, vm.previewProperty().get() == erk ? null : vm.previewProperty().get(),
                "an invalid form keeps the last preview or none, never a wrong one");
    }

    @Test
    void aParameterNamingACheckpointIsOfferedTheStoredOnes() {
        var essential = new org.sparsitystudio.experiments.kinds.essential.EssentialSparsityKind();
        DesignerViewModel model = new DesignerViewModel(essential,
                artifactKind -> artifactKind.equals("checkpoint") ? java.util.List.of("/runs/a.safetensors") : java.util.List.of());
        assertEquals(java.util.List.of("/runs/a.safetensors"), model.suggestions(model.field("checkpoint")));
        assertEquals(java.util.List.of(), model.suggestions(model.field("epochs")));
        model.field("checkpoint").textProperty().set("/runs/a.safetensors");
        assertTrue(model.validProperty().get(), model.summaryProperty().get());
        assertEquals("/runs/a.safetensors", model.toDesign().parameters().get("checkpoint"));
    }
}
