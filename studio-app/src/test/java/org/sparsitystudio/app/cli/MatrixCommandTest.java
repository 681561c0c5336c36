package org.sparsitystudio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real N:M run keeps its masks; `matrix` lists them and draws them with the N:M structure visible. */
class MatrixCommandTest {

    @Test
    void listsAndDrawsTheMasksOfAnNmRun(@TempDir Path dir) throws Exception {
        Path design = dir.resolve("nm.json");
        Files.writeString(design, """
                {"kind": "nm-sparse-training", "seed": 1,
                 "parameters": {"architecture": "mlp", "method": "sr-ste", "n": 2, "m": 4, "epochs": 1,
                                "batchSize": 200, "data": "embedded"}}
                """);
        String db = dir.resolve("studio").toString();
        Cli.Outcome run = Cli.run("run", design.toString(), "--db", db);
        assertEquals(0, run.exit(), run.out() + run.err());

        Cli.Outcome list = Cli.run("matrix", "1", "--db", db);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("layer1.mask") && list.out().contains("300 × 784")
                && list.out().contains("mask"), list.out());

        Path png = dir.resolve("mask.png");
        Cli.Outcome draw = Cli.run("matrix", "1", "layer2.mask", "--png", png.toString(), "--scale", "4", "--db", db);
        assertEquals(0, draw.exit(), draw.err());
        BufferedImage image = ImageIO.read(png.toFile());
        // layer 2 is 100 × 300 at 4 px per entry, below a 44 px caption, 12 px from the left
        int light = 0;
        int dark = 0;
        for (int c = 0; c < 300; c++) {
            int rgb = image.getRGB(12 + 4 * c + 2, 44 + 2) & 0xFFFFFF;
            if ((rgb & 0xFF) > 0x80) {
                light++;
            } else {
                dark++;
            }
        }
        assertEquals(150, light, "2 of every 4 inputs kept in the first row");
        assertEquals(150, dark);

        // a crop of the first layer at 20 px per entry: every group of 4 inputs keeps exactly 2
        Path zoomed = dir.resolve("crop.png");
        Cli.Outcome cropped = Cli.run("matrix", "1", "layer1.mask", "--crop", "0,0,4,16", "--scale", "20", "--png",
                zoomed.toString(), "--db", db);
        assertEquals(0, cropped.exit(), cropped.err());
        BufferedImage block = ImageIO.read(zoomed.toFile());
        // the caption may wrap: find the top of the matrix by its grey frame, one pixel left of it
        int top = 0;
        while ((block.getRGB(11, top) & 0xFFFFFF) != 0xBBBBBB) {
            top++;
        }
        top++;
        for (int r = 0; r < 4; r++) {
            for (int g = 0; g < 4; g++) {
                int kept = 0;
                for (int j = 0; j < 4; j++) {
                    kept += (block.getRGB(12 + 20 * (4 * g + j) + 10, top + 20 * r + 10) & 0xFF) > 0x80 ? 1 : 0;
                }
                assertEquals(2, kept, "row " + r + ", group " + g);
            }
        }
        int line = block.getRGB(12 + 20 * 4, top + 5) & 0xFFFFFF;
        assertTrue(line != 0xF2F2EE && line != 0x20262E, "a line marks the group boundary: " + Integer.toHexString(line));
        assertEquals(1, Cli.run("matrix", "1", "layer1.mask", "--crop", "400,0,4,4", "--png", zoomed.toString(),
                "--db", db).exit(), "a block outside the matrix is refused");

        Path folder = dir.resolve("all");
        assertEquals(0, Cli.run("matrix", "1", "--png", folder.toString(), "--db", db).exit());
        assertTrue(Files.exists(folder.resolve("layer1.mask.png")) && Files.exists(folder.resolve("layer2.mask.png")));

        Cli.Outcome unknown = Cli.run("matrix", "1", "layer9.mask", "--db", db);
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("has no matrix layer9.mask"), unknown.err());
        Cli.Outcome badScale = Cli.run("matrix", "1", "--scale", "80", "--db", db);
        assertEquals(1, badScale.exit());
        assertTrue(badScale.err().contains("--scale is 1 to 64"), badScale.err());
    }
}
