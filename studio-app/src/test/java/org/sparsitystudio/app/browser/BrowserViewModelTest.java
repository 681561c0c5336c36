package org.sparsitystudio.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.NewRun;
import org.sparsitystudio.persistence.NewStudy;

/** The browser over a real H2 file. */
class BrowserViewModelTest {

    @Test
    void listsFiltersAndAnnotatesStudies(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            long first = db.studies().create(new NewStudy("width sweep", "random-pruning-scaling", "{}", List.of(), "",
                    List.of(new NewRun(0, "a", 1, "{}"), new NewRun(1, "b", 2, "{}")))).study().id();
            db.studies().create(new NewStudy("n:m patterns", "nm-sparse-training", "{}", List.of(), "", List.of()));
            BrowserViewModel vm = new BrowserViewModel(db);
            assertEquals(List.of("n:m patterns", "width sweep"), vm.studies().stream().map(StudyItem::name).toList(),
                    "newest first");
            assertEquals(Map.of("queued", 2), vm.studies().get(1).counts());

            vm.filterProperty().set("WIDTH");
            assertEquals(List.of("width sweep"), vm.studies().stream().map(StudyItem::name).toList());

            vm.annotate(first, List.of("paper-fig-2"), "ERK beats uniform");
            vm.filterProperty().set("fig-2");
            assertEquals(List.of("width sweep"), vm.studies().stream().map(StudyItem::name).toList());
            assertEquals("ERK beats uniform", db.studies().find(first).orElseThrow().notes(), "written to the database");
            vm.filterProperty().set("");
            assertEquals(2, vm.studies().size());
        }
    }
}
