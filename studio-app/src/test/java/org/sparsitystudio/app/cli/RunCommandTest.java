package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kinds, design and run as a user types them, on real (tiny) trainings. */
class RunCommandTest {

    @Test
    void kindsListsParametersWithTheirAllowedValues() {
        Cli.Outcome o = Cli.run("kinds");
        assertEquals(0, o.exit());
        assertTrue(o.out().contains("random-pruning-scaling"), o.out());
        assertTrue(o.out().contains("one of uniform, er, erk"), o.out());
    }

    @Test
    void theDefaultDesignValidatesAndEstimates(@TempDir Path dir) {
        Path file = dir.resolve("default.json");
        assertEquals(0, Cli.run("design", "random-pruning-scaling", "--out", file.toString()).exit());
        Cli.Outcome o = Cli.run("run", file.toString(), "--dry-run");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("6 sparsities × 5 widths × 2 distributions = 60 runs"), o.out());
        assertTrue(o.out().contains("TFLOP"), o.out());
    }

    @Test
    void runsASmallDesignAndReportsEveryRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.json");
        Files.writeString(file, """
                {"kind": "random-pruning-scaling", "seed": 1,
                 "parameters": {"epochs": 1, "data": "embedded", "width": 0.5},
                 "sweep": [{"parameter": "sparsity", "values": [0.0, 0.8]}]}
                """);
        String db = dir.resolve("studio").toString();
        Cli.Outcome o = Cli.run("run", file.toString(), "--db", db);
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("[2/2]"), o.out());
        assertTrue(o.out().contains("2 of 2 runs completed"), o.out());

        Cli.Outcome studies = Cli.run("studies", "--db", db);
        assertTrue(studies.out().contains("random-pruning-scaling") && studies.out().contains("completed=2"),
                studies.out());
        Cli.Outcome runs = Cli.run("runs", "1", "--db", db);
        assertTrue(runs.out().contains("sparsity=0.8") && runs.out().contains("completed"), runs.out());

        Cli.Outcome show = Cli.run("show", "2", "--db", db);
        assertTrue(show.out().contains("finalTestAccuracy"), show.out());
        assertTrue(show.out().contains("param.sparsity") && show.out().contains("data.sha256."), show.out());
        assertTrue(show.out().contains("app.commit"), show.out());

        Path csv = dir.resolve("study.csv");
        assertEquals(0, Cli.run("export", "1", "--csv", csv.toString(), "--db", db).exit());
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(Files.newBufferedReader(csv))) {
            var records = parser.getRecords();
            assertEquals(2, records.size());
            assertEquals("0.8", records.get(1).get("sparsity"));
            assertEquals("completed", records.get(1).get("status"));
            assertTrue(Double.parseDouble(records.get(0).get("finalTestAccuracy")) > 0.5);
            assertTrue(Double.parseDouble(records.get(1).get("nonzeroParameters"))
                    < 0.3 * Double.parseDouble(records.get(0).get("nonzeroParameters")));
            double dense = Double.parseDouble(records.get(0).get("finalTestAccuracy"));
            double sparse = Double.parseDouble(records.get(1).get("finalTestAccuracy"));
            assertEquals(dense - sparse, Double.parseDouble(records.get(1).get("gapToDense")), 1e-12,
                    "the export adds each run's gap to the dense run of its width");
        }

        Path png = dir.resolve("chart.png");
        Path chartCsv = dir.resolve("chart.csv");
        Cli.Outcome chart = Cli.run("chart", "1", "--png", png.toString(), "--csv", chartCsv.toString(), "--size",
                "single", "--db", db);
        assertEquals(0, chart.exit(), chart.err());
        assertEquals(1050, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        List<String> plotted = Files.readAllLines(chartCsv);
        assertEquals(3, plotted.size(), "header and one point per sparsity: " + plotted);
        assertTrue(plotted.get(2).startsWith("width=0.5,80.0000,"), "the chart groups by width: " + plotted.get(2));
        assertEquals(1, Cli.run("chart", "1", "--db", db).exit(), "no output file named");

        Cli.Outcome diff = Cli.run("diff", "1", "2", "--db", db);
        assertTrue(diff.out().contains("param.sparsity") && diff.out().contains("seed"), diff.out());

        Cli.Outcome replay = Cli.run("replay", "2", "--db", db);
        assertEquals(0, replay.exit(), replay.out() + replay.err());
        assertTrue(replay.out().contains("reproduces every result bit for bit"), replay.out());
    }

    @Test
    void unknownStudiesAndRunsAreNamed(@TempDir Path dir) {
        String db = dir.resolve("studio").toString();
        Cli.Outcome o = Cli.run("runs", "42", "--db", db);
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("no study 42"), o.err());
        assertTrue(Cli.run("studies", "--db", db).out().contains("No studies yet"));
    }

    @Test
    void anInvalidDesignNamesTheParameterValueAndRange(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"kind": "random-pruning-scaling", "parameters": {"sparsity": 1.5}}
                """);
        Cli.Outcome o = Cli.run("run", file.toString());
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("sparsity = 1.5 is outside [0, 0.99]"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
        Cli.Outcome missing = Cli.run("run", dir.resolve("nope.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.json"), missing.err());
    }
}
