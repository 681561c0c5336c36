package org.sparsitystudio.experiments.data.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.data.ColourDataset;
import org.sparsitystudio.experiments.data.DatasetException;

class ImageFolderTest {

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static void write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    /** Mean of each channel of one image. */
    private static double[] means(ColourDataset set, int sample) {
        float[] img = set.image(sample);
        int plane = set.width() * set.height();
        double[] m = new double[3];
        for (int ch = 0; ch < 3; ch++) {
            for (int p = 0; p < plane; p++) {
                m[ch] += img[ch * plane + p];
            }
            m[ch] /= plane;
        }
        return m;
    }

    /**
     * Three classes in PNG, JPEG and TIFF of different sizes, plus a truncated PNG, a text file
     * with an image name, and a plain text file.
     */
    private static void classTree(Path root) throws IOException {
        for (int i = 0; i < 10; i++) {
            write(solid(40, 30, 0xC81E1E), "png", root.resolve("red/r" + i + ".png"));
            write(solid(64, 64, 0x1EC81E), "jpg", root.resolve("green/g" + i + ".JPG"));
            write(solid(256, 256, 0x1E1EC8), "tiff", root.resolve("blue/b" + i + ".tif"));
        }
        byte[] png = encode(solid(20, 20, 0x808080), "png");
        Files.write(root.resolve("red/broken.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(root.resolve("green/fake.jpeg"), "not a jpeg at all", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("blue/notes.txt"), "captions", StandardCharsets.UTF_8);
    }

    @Test
    void classFoldersAreLabelledInSortedOrderAndSplitByHash(@TempDir Path root) throws IOException {
        classTree(root);
        ImageFolder.Result result = ImageFolder.load(root, ImageFolder.Options.square(16, 0));

        assertEquals(ImageFolder.Layout.CLASS_FOLDERS, result.layout());
        assertEquals(List.of("blue", "green", "red"), result.classNames());
        assertEquals(30, result.train().size() + result.test().size());
        assertTrue(result.test().size() > 0 && result.train().size() > result.test().size(),
                "about 80/20: " + result.train().size() + "/" + result.test().size());
        assertEquals(16, result.train().width());
        assertEquals(3 * 16 * 16, result.train().data().features());

        double[] expected0 = {0x1E / 255.0, 0x1E / 255.0, 0xC8 / 255.0};
        for (ColourDataset set : List.of(result.train(), result.test())) {
            for (int i = 0; i < set.size(); i++) {
                int label = set.data().label(i);
                double[] m = means(set, i);
                // blue TIFF and red PNG are lossless; the green JPEG is within a few levels
                double tolerance = label == 1 ? 4 / 255.0 : 1e-6;
                double[] want = switch (label) {
                    case 0 -> expected0;
                    case 1 -> new double[] {0x1E / 255.0, 0xC8 / 255.0, 0x1E / 255.0};
                    default -> new double[] {0xC8 / 255.0, 0x1E / 255.0, 0x1E / 255.0};
                };
                assertArrayEquals(want, m, tolerance, "sample " + i + " of class " + label);
            }
        }

        Map<String, String> reasons = new TreeMap<>();
        result.skipped().forEach(s -> reasons.put(root.relativize(s.file()).toString().replace('\\', '/'), s.reason()));
        assertEquals(List.of("blue/notes.txt", "green/fake.jpeg", "red/broken.png"), List.copyOf(reasons.keySet()));
        assertTrue(reasons.get("blue/notes.txt").startsWith("not an image file"), reasons.toString());
        assertTrue(reasons.get("green/fake.jpeg").startsWith("unreadable"), reasons.toString());
        assertTrue(reasons.get("red/broken.png").startsWith("unreadable"), reasons.toString());
    }

    @Test
    void theHashSplitIsReproducibleAndDependsOnTheSeed(@TempDir Path root) throws IOException {
        for (int i = 0; i < 40; i++) {
            write(solid(8, 8, 0x101010 * (i % 16)), "png", root.resolve("only/img_" + i + ".png"));
        }
        ImageFolder.Result a = ImageFolder.load(root, ImageFolder.Options.square(8, 3));
        ImageFolder.Result b = ImageFolder.load(root, ImageFolder.Options.square(8, 3));
        ImageFolder.Result c = ImageFolder.load(root, ImageFolder.Options.square(8, 4));
        assertArrayEquals(a.test().data().pixels(), b.test().data().pixels());
        assertTrue(!Arrays.equals(a.test().data().pixels(), c.test().data().pixels())
                || a.test().size() != c.test().size(), "another seed, another split");
        double share = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            share += ImageFolder.unitHash(0, "cls/img_" + i + ".png") < 0.8 ? 1 : 0;
        }
        assertEquals(0.8, share / n, 0.02);
    }

    @Test
    void trainAndTestFoldersAreUsedAsGivenWithMergedClassNames(@TempDir Path root) throws IOException {
        write(solid(10, 10, 0xFF0000), "png", root.resolve("train/b_red/1.png"));
        write(solid(10, 10, 0xFF0000), "png", root.resolve("train/b_red/2.png"));
        write(solid(10, 10, 0x00FF00), "tiff", root.resolve("train/a_green/1.tiff"));
        write(solid(10, 10, 0x0000FF), "jpeg", root.resolve("test/c_blue/1.jpeg"));
        write(solid(10, 10, 0xFF0000), "png", root.resolve("test/b_red/3.png"));
        Files.writeString(root.resolve("README.md"), "about the data");

        ImageFolder.Result result = ImageFolder.load(root, ImageFolder.Options.square(4, 0));

        assertEquals(ImageFolder.Layout.TRAIN_TEST_FOLDERS, result.layout());
        assertEquals(List.of("a_green", "b_red", "c_blue"), result.classNames());
        assertArrayEquals(new int[] {1, 2, 0}, result.train().data().classCounts());
        assertArrayEquals(new int[] {0, 1, 1}, result.test().data().classCounts());
        assertEquals(1, result.skipped().size());
        assertEquals(root.resolve("README.md"), result.skipped().get(0).file());
    }

    @Test
    void resizeIsBilinearWithHalfPixelCentresAndGreyKeepsItsValue(@TempDir Path root) throws IOException {
        BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        two.setRGB(0, 0, 0x000000);
        two.setRGB(1, 0, 0xC8C8C8);
        write(two, "png", root.resolve("train/x/two.png"));
        BufferedImage grey = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                grey.getRaster().setSample(x, y, 0, 100);
            }
        }
        write(grey, "png", root.resolve("test/x/grey.png"));

        ImageFolder.Result result = ImageFolder.load(root, new ImageFolder.Options(4, 1, 0, 0.8));

        float[] img = result.train().image(0);
        float v = 200 / 255f;
        // as torch.nn.functional.interpolate(mode="bilinear", align_corners=False)
        assertArrayEquals(new float[] {0, 0.25f * v, 0.75f * v, v}, Arrays.copyOf(img, 4), 1e-6f);
        float[] g = result.test().image(0);
        for (float value : g) {
            assertEquals(100 / 255f, value, 1e-6f);
        }
    }

    @Test
    void aTreeWithoutClassesOrImagesIsAnError(@TempDir Path root) throws IOException {
        assertThrows(DatasetException.class, () -> ImageFolder.load(root.resolve("missing"),
                ImageFolder.Options.square(8, 0)));
        assertThrows(DatasetException.class, () -> ImageFolder.load(root, ImageFolder.Options.square(8, 0)));
        Files.createDirectories(root.resolve("cls"));
        Files.writeString(root.resolve("cls/a.png"), "text");
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolder.load(root, ImageFolder.Options.square(8, 0)));
        assertTrue(e.getMessage().contains("a.png"), e.getMessage());
    }
}
