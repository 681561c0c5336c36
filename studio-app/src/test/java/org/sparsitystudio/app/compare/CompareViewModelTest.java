package org.sparsitystudio.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.app.study.AxisChoice;
import org.sparsitystudio.charts.ChartOptions;
import org.sparsitystudio.charts.Series;
import org.sparsitystudio.experiments.kinds.randompruning.RandomPruningKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.NewStudy;

/** Two studies from a real H2 file, overlaid, their differences listed and their runs paired by seed. */
class CompareViewModelTest {

    @Test
    void overlaysStudiesListsWhatDiffersAndPairsRunsBySeed(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            long erk = StudiesFixture.study(db, "erk", "erk", 0.84, "abc123");
            long uniform = StudiesFixture.study(db, "uniform", "uniform", 0.80, "def456");
            ExperimentKinds kinds = new ExperimentKinds(List.of(new RandomPruningKind()));
            CompareViewModel vm = CompareViewModel.load(db, kinds, List.of(erk, uniform));
            CompareViewModel.Comparison c = vm.compare(0, new AxisChoice(false, false, ChartOptions.Band.MIN_MAX, false));

            assertEquals(List.of("#" + erk + " erk · width=1", "#" + uniform + " uniform · width=1"),
                    c.plot().series().stream().map(Series::name).toList(), "one series per study");
            assertEquals(List.of("app.commit", "distribution"), c.differences().stream()
                    .map(CompareViewModel.Difference::key).sorted().toList());
            // pairs: 3 seeds × 2 sparsities; differences uniform − erk are 0 (dense) and −4 pp (sparse)
            assertEquals(6, c.paired().pairs());
            assertEquals(-2.0, c.paired().meanDifference(), 1e-9);
            assertTrue(c.pairingNote().contains("compared: distribution"), c.pairingNote());
            assertTrue(c.pairingNote().contains("sparsity"), c.pairingNote());

            CompareViewModel.Comparison relative = vm.compare(0, new AxisChoice(false, false, ChartOptions.Band.NONE, true));
            assertEquals(100, relative.plot().series().get(0).points().get(0).mean(), 1e-9, "dense is 100 % of itself");
            assertTrue(relative.plot().series().get(1).points().get(1).mean() < 100);
        }
    }

    @Test
    void studiesOfDifferentKindsDoNotCompare(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            long a = StudiesFixture.study(db, "erk", "erk", 0.84, "abc");
            long b = db.studies().create(new NewStudy("other", "toy-quadratic", "{}", List.of(), "", List.of())).study().id();
            ExperimentKinds kinds = new ExperimentKinds(List.of(new RandomPruningKind()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CompareViewModel.load(db, kinds, List.of(a, b)));
            assertTrue(e.getMessage().contains("only studies of one kind compare"), e.getMessage());
        }
    }
}
