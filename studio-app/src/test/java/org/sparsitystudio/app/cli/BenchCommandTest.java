package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --monarch} at a tiny size: the table, the chart as PNG and its numbers as CSV. */
class BenchCommandTest {

    @Test
    void monarchBenchPrintsTheTableAndWritesTheChart(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("speedup.png");
        Path csv = dir.resolve("speedup.csv");
        Path json = dir.resolve("speedup.json");
        Cli.Outcome o = Cli.run("bench", "--monarch", "16,64", "--batch", "8", "--png", png.toString(), "--csv",
                csv.toString(), "--json", json.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("CPU"), "names the machine: " + o.out());
        assertTrue(o.out().contains("f+b mon"), "prints the table: " + o.out());
        // n = 64 gets b = 8: 64² parameters against 64·(8 + 8), four times fewer
        assertTrue(o.out().lines().anyMatch(l -> l.trim().startsWith("64    8     8") && l.contains("4.0")), o.out());

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the PNG decodes");
        assertEquals(2100, image.getWidth(), "7 in at 300 DPI");

        List<String> rows = Files.readAllLines(csv);
        assertEquals("series,layer_size,speedup_mean,speedup_min,speedup_max,speedup_std,n", rows.get(0), "no column named twice");
        assertEquals(1 + 3 * 2, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("forward,64.0000,")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("forward+backward,16.0000,")), String.join("\n", rows));
        assertTrue(rows.contains("FLOP ratio (dense / Monarch),64.0000,4.00000,4.00000,4.00000,0.00000,1"),
                String.join("\n", rows));

        String report = Files.readString(json);
        assertTrue(report.contains("\"machine\" : \"CPU") && report.contains("\"monarchForwardMillis\""), report);
    }

    @Test
    void nmBenchPrintsTheTableWithTheFlopReductionAndChartsItWithTheMachine(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("nm.png");
        Path csv = dir.resolve("nm.csv");
        Cli.Outcome o = Cli.run("bench", "--nm", "2:4,1:8", "--nm-sizes", "64", "--batch", "8", "--png", png.toString(),
                "--csv", csv.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("CPU"), "names the machine: " + o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.contains("2:4") && l.contains("2.0")), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.contains("1:8") && l.contains("8.0")), o.out());
        assertEquals(2100, ImageIO.read(png.toFile()).getWidth());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 2 * 2, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("\"measured, n = 64\",8.00000,")), String.join("\n", rows));
        Cli.Outcome bad = Cli.run("bench", "--nm", "4:4", "--nm-sizes", "64", "--batch", "8");
        assertEquals(1, bad.exit());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    @Test
    void theSelectiveScanBenchReportsBothPasses() {
        Cli.Outcome o = Cli.run("bench", "--scan", "--threads", "1");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("selective scan b8 L256 E128 N16: forward") && o.out().contains("forward+backward"),
                o.out());
    }

    @Test
    void chartFilesWithoutMonarchAreRefusedInOneLine(@TempDir Path dir) {
        Cli.Outcome o = Cli.run("bench", "--png", dir.resolve("x.png").toString());
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("--monarch"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void aBadSizeIsNamedInOneLine() {
        Cli.Outcome o = Cli.run("bench", "--monarch", "64,0", "--batch", "2");
        assertEquals(1, o.exit());
        assertFalse(o.err().contains("\tat "), o.err());
        assertTrue(o.err().contains("Monarch sizes must be positive, got 0"), o.err());
    }
}
