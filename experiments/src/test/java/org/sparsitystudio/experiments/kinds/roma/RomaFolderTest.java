package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ParameterException;
import org.sparsitystudio.experiments.spi.RecordingContext;
import org.sparsitystudio.experiments.spi.RunResult;

/** RoMA on a folder of real PNG files written here: three classes of simple patterns and one broken file. */
class RomaFolderTest {

    private static final String[] CLASSES = {"checks", "columns", "rows"};

    private final RomaKind kind = new RomaKind();

    /** {@code perClass} 40×40 PNGs per class: horizontal stripes, vertical stripes, checks, each in its own colour. */
    private static Path folder(Path dir, int perClass) throws Exception {
        for (int c = 0; c < CLASSES.length; c++) {
            Path classDir = Files.createDirectories(dir.resolve(CLASSES[c]));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 40; x++) {
                        boolean on = switch (c) {
                            case 0 -> ((x + i) / 5 + y / 5) % 2 == 0;
                            case 1 -> ((x + i) / 4) % 2 == 0;
                            default -> ((y + i) / 4) % 2 == 0;
                        };
                        int level = on ? 200 + 5 * i : 30;
                        image.setRGB(x, y, c == 0 ? level << 16 : c == 1 ? level << 8 : level);
                    }
                }
                ImageIO.write(image, "png", classDir.resolve("img" + i + ".png").toFile());
            }
        }
        return dir;
    }

    private static void corrupt(Path file) throws Exception {
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 4, 5});
    }

    /** A tiny run on the folder: 32² images, d 16, one block, a few steps. */
    private static Design tiny(Path folder) {
        return Design.of(RomaKind.ID).withParameter("data", "folder").withParameter("folder", folder.toString())
                .withParameter("imageSize", "32").withParameter("d", 16).withParameter("layers", 1)
                .withParameter("pretrainImages", 12).withParameter("pretrainSteps", 4).withParameter("batchSize", 4)
                .withParameter("probeEpochs", 2).withParameter("probeImagesPerClass", 4)
                .withParameter("testImagesPerClass", 2).withSeed(3);
    }

    private RecordingContext runs(Design design) {
        RecordingContext context = new RecordingContext();
        kind.run(Sweeps.expand(design, kind).get(0), context);
        return context;
    }

    @Test
    void aTinyRunOnAFolderProbesItsImagesAndListsTheBrokenFile(@TempDir Path dir) throws Exception {
        Path root = folder(dir.resolve("scenes"), 6);
        corrupt(root.resolve("columns").resolve("broken.png"));
        RecordingContext context = new RecordingContext();
        RunResult result = kind.run(Sweeps.expand(tiny(root), kind).get(0), context);
        for (String name : List.of("probeAccuracy", "probeAccuracyRotated", "heldOutLoss", "finalPretrainLoss")) {
            assertTrue(Double.isFinite(result.results().get(name)), name + " in " + result);
        }
        assertTrue(context.log.stream().anyMatch(l -> l.startsWith("skipped ") && l.contains("broken.png")
                && l.contains("unreadable")), "the broken file is listed: " + context.log);
        String data = context.provenance.get("data");
        assertTrue(data.contains("3 classes: checks, columns, rows") && data.contains("32²"), data);
        // 6 images per class, 2 of them test: 4 train the probe, 4 per class (12) can pre-train
        assertTrue(data.contains("12 probe-training, 6 test images") && data.contains("12 images outside the test"),
                data);
        assertTrue(data.contains("1 files skipped"), data);
        assertTrue(context.provenance.get("data.sha256.folder").matches("[0-9a-f]{64}"));
        assertEquals(4, context.metrics.stream().filter(p -> p.name().equals("pretrainLoss")).count());

        RunResult again = kind.run(Sweeps.expand(tiny(root), kind).get(0), new RecordingContext());
        assertEquals(result, again, "the same seed splits, trains and probes alike");
    }

    @Test
    void theSeedSplitsEachClassDeterministically(@TempDir Path dir) throws Exception {
        FolderScenes.Decoded decoded = FolderScenes.decode(folder(dir.resolve("scenes"), 6).toString(), 32);
        SceneData one = decoded.split(10, 2, 1).scenes();
        SceneData same = decoded.split(10, 2, 1).scenes();
        SceneData other = decoded.split(10, 2, 2).scenes();
        assertTrue(Arrays.equals(one.test().pixels(), same.test().pixels()));
        assertFalse(Arrays.equals(one.test().pixels(), other.test().pixels()), "another seed, another split");
        assertEquals(List.of(2, 2, 2), Arrays.stream(one.test().classCounts()).boxed().toList());
        assertEquals(List.of(4, 4, 4), Arrays.stream(one.train().classCounts()).boxed().toList(),
                "the rest train the probe");
        assertFalse(Arrays.equals(one.test().pixels(), one.rotatedTest().pixels()), "the rotated set is turned");
        assertEquals(one.test().size(), one.rotatedTest().size());
        assertEquals(List.of(3, 3, 3), Arrays.stream(decoded.split(10, 50, 1).scenes().test().classCounts()).boxed()
                .toList(), "at most half of a class is test");
    }

    @Test
    void badFoldersAreClearParameterErrors(@TempDir Path dir) throws Exception {
        ParameterException empty = assertThrows(ParameterException.class, () -> runs(tiny(dir).withParameter("folder",
                "")));
        assertTrue(empty.getMessage().contains("needs the image folder's path"), empty.getMessage());

        Path missing = dir.resolve("nowhere");
        ParameterException absent = assertThrows(ParameterException.class, () -> runs(tiny(missing)));
        assertTrue(absent.getMessage().contains(missing.toString()) && absent.getMessage().contains("not a directory"),
                absent.getMessage());
        assertEquals("folder", absent.parameter());

        Path lonely = folder(dir.resolve("lonely"), 3);
        for (String c : new String[] {"columns", "rows"}) {
            try (var files = Files.list(lonely.resolve(c))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(lonely.resolve(c));
        }
        ParameterException oneClass = assertThrows(ParameterException.class, () -> runs(tiny(lonely)));
        assertTrue(oneClass.getMessage().contains("at least 2 classes"), oneClass.getMessage());

        Path thin = folder(dir.resolve("thin"), 6);
        try (var files = Files.list(thin.resolve("rows"))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("img0.png")) {
                    Files.delete(f);
                }
            }
        }
        corrupt(thin.resolve("rows").resolve("img1.png"));
        ParameterException fewImages = assertThrows(ParameterException.class, () -> runs(tiny(thin)));
        assertTrue(fewImages.getMessage().contains("class \"rows\"") && fewImages.getMessage().contains(
                "1 readable image;") && fewImages.getMessage().contains("1 of its files could not be used"),
                fewImages.getMessage());

        Path small = folder(dir.resolve("small"), 6);
        ParameterException tooMany = assertThrows(ParameterException.class,
                () -> runs(tiny(small).withParameter("pretrainImages", 100)));
        assertEquals("pretrainImages", tooMany.parameter());
        assertTrue(tooMany.getMessage().contains("only 12 images outside the test set"), tooMany.getMessage());
    }
}
