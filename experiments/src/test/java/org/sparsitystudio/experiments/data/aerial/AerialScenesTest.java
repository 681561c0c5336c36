package org.sparsitystudio.experiments.data.aerial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsitystudio.experiments.data.ColourDataset;
import org.sparsitystudio.experiments.data.RgbImages;

class AerialScenesTest {

    private static final int PER_CLASS = 6;

    /** Colour statistics of all images of one class. */
    private record Stats(double r, double g, double b, double blueFraction, double redFraction, double yellowFraction) {
        double luminance() {
            return (r + g + b) / 3;
        }
    }

    private static Stats stats(ColourDataset set, AerialClass kind) {
        int plane = set.height() * set.width();
        double r = 0;
        double g = 0;
        double b = 0;
        long blue = 0;
        long red = 0;
        long yellow = 0;
        long pixels = 0;
        for (int i = 0; i < set.size(); i++) {
            if (set.data().label(i) != kind.ordinal()) {
                continue;
            }
            float[] img = set.image(i);
            for (int p = 0; p < plane; p++) {
                double pr = img[p];
                double pg = img[p + plane];
                double pb = img[p + 2 * plane];
                r += pr;
                g += pg;
                b += pb;
                blue += pb > pr + 0.15 && pb > pg + 0.05 ? 1 : 0;
                red += pr > pg + 0.15 && pr > pb + 0.15 ? 1 : 0;
                yellow += pr > 0.6 && pg > 0.55 && pb < 0.45 ? 1 : 0;
                pixels++;
            }
        }
        return new Stats(r / pixels, g / pixels, b / pixels, (double) blue / pixels, (double) red / pixels,
                (double) yellow / pixels);
    }

    private static ColourDataset rotatedTrain() {
        return AerialScenes.generate(new AerialScenes.Config(7, 64, PER_CLASS, 0, Orientation.ROTATED)).train();
    }

    @Test
    void theSameArgumentsGiveIdenticalImagesAndPngBytes() throws IOException {
        for (AerialClass kind : AerialClass.values()) {
            float[] first = AerialScenes.render(42, kind, 3, 64, true);
            float[] second = AerialScenes.render(42, kind, 3, 64, true);
            assertArrayEquals(first, second, kind + " differs between two calls");
        }
        ColourDataset a = AerialScenes.generate(new AerialScenes.Config(42, 32, 3, 1, Orientation.ROTATED)).train();
        ColourDataset b = AerialScenes.generate(new AerialScenes.Config(42, 32, 3, 1, Orientation.ROTATED)).train();
        assertArrayEquals(a.data().pixels(), b.data().pixels());
        assertArrayEquals(png(a), png(b));
    }

    @Test
    void parallelGenerationMatchesRenderingOneImageAtATime() {
        ColourDataset set = AerialScenes.generate(new AerialScenes.Config(5, 32, 2, 0, Orientation.ROTATED)).train();
        for (int i = 0; i < set.size(); i++) {
            AerialClass kind = AerialClass.values()[set.data().label(i)];
            assertArrayEquals(AerialScenes.render(5, kind, i % 2, 32, true), set.image(i), "sample " + i);
        }
        assertEquals(AerialClass.displayNames(), set.classNames());
        assertEquals(3 * 32 * 32, set.data().features());
    }

    @Test
    void seedsAndIndicesGiveDifferentImages() {
        for (AerialClass kind : AerialClass.values()) {
            float[] base = AerialScenes.render(1, kind, 0, 64, true);
            assertFalse(Arrays.equals(base, AerialScenes.render(2, kind, 0, 64, true)), kind + ": seed ignored");
            assertFalse(Arrays.equals(base, AerialScenes.render(1, kind, 1, 64, true)), kind + ": index ignored");
        }
    }

    @Test
    void valuesLieInTheUnitInterval() {
        float[] pixels = rotatedTrain().data().pixels();
        for (float v : pixels) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
        }
    }

    @Test
    void eachClassHasItsTypicalColours() {
        ColourDataset set = rotatedTrain();
        Stats river = stats(set, AerialClass.RIVER);
        Stats forest = stats(set, AerialClass.FOREST);
        Stats desert = stats(set, AerialClass.DESERT);
        Stats harbour = stats(set, AerialClass.HARBOUR);
        Stats parking = stats(set, AerialClass.PARKING_LOT);
        Stats airport = stats(set, AerialClass.AIRPORT);
        Stats residential = stats(set, AerialClass.RESIDENTIAL);
        Stats farmland = stats(set, AerialClass.FARMLAND);

        assertTrue(river.blueFraction() > 0.01, "river has water: " + river);
        assertTrue(harbour.blueFraction() > 0.15, "half a harbour is water: " + harbour);
        for (Stats dry : new Stats[] {forest, desert, farmland, airport, residential}) {
            assertTrue(dry.blueFraction() < 0.001, "no water expected: " + dry);
        }
        assertTrue(forest.luminance() < 0.3 && forest.g() > forest.r() + 0.08 && forest.g() > forest.b() + 0.08,
                "forest is dark green: " + forest);
        assertTrue(desert.r() > desert.g() && desert.g() > desert.b() + 0.1 && desert.luminance() > 0.55,
                "desert is sandy: " + desert);
        assertTrue(airport.g() > airport.r() && airport.g() > airport.b() && airport.luminance() > 0.4,
                "airport is mostly light grass: " + airport);
        double spread = Math.max(parking.r(), Math.max(parking.g(), parking.b()))
                - Math.min(parking.r(), Math.min(parking.g(), parking.b()));
        assertTrue(spread < 0.06 && parking.luminance() < 0.6, "a parking lot is grey: " + parking);
        assertTrue(residential.redFraction() > 0.01, "residential has red roofs: " + residential);
        assertTrue(farmland.yellowFraction() > 0.05, "farmland has yellow strips: " + farmland);
    }

    @Test
    void rotationChangesTheImageButNotItsClassCharacter() {
        for (AerialClass kind : AerialClass.values()) {
            float[] upright = AerialScenes.render(3, kind, 4, 64, false);
            float[] rotated = AerialScenes.render(3, kind, 4, 64, true);
            assertFalse(Arrays.equals(upright, rotated), kind + ": rotation had no effect");
        }
        AerialScenes.Config config = new AerialScenes.Config(7, 64, PER_CLASS, PER_CLASS,
                Orientation.TRAIN_UPRIGHT_TEST_ROTATED);
        AerialScenes.Split split = AerialScenes.generate(config);
        for (AerialClass kind : AerialClass.values()) {
            Stats up = stats(split.train(), kind);
            Stats turned = stats(split.test(), kind);
            assertEquals(up.luminance(), turned.luminance(), 0.08, kind + ": " + up + " vs " + turned);
        }
        assertTrue(stats(split.test(), AerialClass.RIVER).blueFraction() > 0.01);
        assertTrue(stats(split.train(), AerialClass.RIVER).blueFraction() > 0.01);
    }

    @Test
    void uprightMeansNoRotationInEitherSplit() {
        AerialScenes.Split split = AerialScenes.generate(new AerialScenes.Config(9, 32, 1, 1, Orientation.UPRIGHT));
        assertArrayEquals(AerialScenes.render(9, AerialClass.FOREST, 0, 32, false), split.train().image(2));
        assertArrayEquals(AerialScenes.render(9, AerialClass.FOREST, AerialScenes.TEST_INDEX_OFFSET, 32, false),
                split.test().image(2));
        double angle = AerialScenes.angleDegrees(9, AerialClass.FOREST, 0);
        assertTrue(angle >= 0 && angle < 360);
    }

    @Test
    void theTestSetDoesNotDependOnTheTrainingSetSize() {
        AerialScenes.Config small = new AerialScenes.Config(11, 32, 1, 2, Orientation.ROTATED);
        ColourDataset a = AerialScenes.generate(small).test();
        ColourDataset b = AerialScenes.generate(small.withCounts(3, 2)).test();
        assertArrayEquals(a.data().pixels(), b.data().pixels());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2}, a.data().classCounts());
    }

    @Test
    void defaultsFollowTheSpecification() {
        AerialScenes.Config d = AerialScenes.Config.defaults(0);
        assertEquals(64, d.size());
        assertEquals(500, d.trainPerClass());
        assertEquals(100, d.testPerClass());
        assertEquals(Orientation.ROTATED, d.orientation());
        assertThrows(IllegalArgumentException.class, () -> d.withSize(48));
    }

    @Test
    void writesASampleGridAsPng(@TempDir Path dir) throws IOException {
        ColourDataset set = AerialScenes.generate(new AerialScenes.Config(1, 32, 2, 0, Orientation.ROTATED)).train();
        Path file = dir.resolve("docs/aerial.png");
        int[] samples = new int[set.size()];
        Arrays.setAll(samples, i -> i);
        RgbImages.writeGridPng(set, samples, 8, 2, file);
        var image = ImageIO.read(Files.newInputStream(file));
        assertEquals(8 * (64 + 2) + 2, image.getWidth());
        assertEquals(2 * (64 + 2) + 2, image.getHeight());
        // the top-left pixel of the first tile is the first image's first pixel, scaled to a byte
        float[] first = set.image(0);
        int rgb = image.getRGB(2, 2) & 0xFFFFFF;
        assertEquals(Math.round(first[0] * 255), rgb >> 16);
        assertEquals(Math.round(first[32 * 32] * 255), (rgb >> 8) & 0xFF);
    }

    private static byte[] png(ColourDataset set) throws IOException {
        int[] samples = new int[set.size()];
        Arrays.setAll(samples, i -> i);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(RgbImages.grid(set, samples, 4, 1), "png", out);
        return out.toByteArray();
    }
}
