package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.app.study.ScalingStudyFixture;
import org.sparsitystudio.persistence.Database;

/** The chart command draws and prints the power laws a kind's chart asks for. */
class ChartCommandFitTest {

    @Test
    void drawsTheFitAndPrintsItsNumbers(@TempDir Path dir) throws Exception {
        long id;
        try (Database db = Database.open(dir.resolve("studio"))) {
            db.migrate();
            id = ScalingStudyFixture.study(db);
        }
        Path svg = dir.resolve("loss.svg");
        // chart 2 of RoMA: held-out loss vs pre-training images, log-log with a power law per width
        Cli.Outcome o = Cli.run("chart", Long.toString(id), "--chart", "2", "--svg", svg.toString(), "--db",
                dir.resolve("studio").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("d=16 — fit: ") && o.out().contains("d=32 — fit: "), o.out());
        assertTrue(o.out().contains("·x^-0.2 (3 points"), o.out());
        String drawn = Files.readString(svg);
        assertTrue(drawn.contains("d=16 — fit: "), "the legend names the fit");
        assertTrue(drawn.contains("stroke-dasharray"), "fit lines are dashed");
    }
}
