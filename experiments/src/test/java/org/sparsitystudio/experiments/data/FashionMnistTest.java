package org.sparsitystudio.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    /** Loaded once: reading and normalising the full set takes a second or two. */
    private static FashionMnist debian;

    @TempDir
    Path dir;

    private static FashionMnist debian() {
        assumeTrue(TestFiles.debianPresent(), "Debian package dataset-fashion-mnist is not installed");
        if (debian == null) {
            debian = FashionMnist.load(DataSource.debianPackage());
        }
        return debian;
    }

    @Test
    void realDebianFilesHaveTheKnownSizesLabelsAndStatistics() {
        FashionMnist data = debian();
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(784, data.train().features());
        assertEquals(10, data.train().classes());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(data.train().labels(), 10));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(data.test().labels(), 10));
        int[] perClass = new int[10];
        Arrays.fill(perClass, 6000);
        assertArrayEquals(perClass, data.train().classCounts());

        // The recipe's constants are the training set's rounded statistics: measured mean 0.000115, std 1.000069.
        double[] stats = meanAndStd(data.train());
        assertEquals(0.0, stats[0], 0.01, "normalised train mean");
        assertEquals(1.0, stats[1], 0.01, "normalised train std");

        DatasetOrigin origin = data.origin();
        assertEquals(DatasetOrigin.Kind.DEBIAN_PACKAGE, origin.kind());
        assertEquals(TestFiles.DEBIAN.toString(), origin.location());
        assertEquals(60_000, origin.trainSize());
        assertEquals(10_000, origin.testSize());
        assertTrue(origin.isFullDataset());
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), List.copyOf(origin.sha256().keySet()));
        assertEquals("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                origin.sha256().get("train-images-idx3-ubyte.gz"));
    }

    @Test
    void embeddedSubsetIsClassBalancedVerifiedAndLabelledAsSuch() {
        FashionMnist data = FashionMnist.load(DataSource.embeddedSubset());
        assertEquals(6000, data.train().size());
        assertEquals(1000, data.test().size());
        int[] six = new int[10];
        Arrays.fill(six, 600);
        int[] one = new int[10];
        Arrays.fill(one, 100);
        assertArrayEquals(six, data.train().classCounts());
        assertArrayEquals(one, data.test().classCounts());

        DatasetOrigin origin = data.origin();
        assertEquals(DatasetOrigin.Kind.EMBEDDED_SUBSET, origin.kind());
        assertFalse(origin.isFullDataset());
        assertTrue(origin.describe().contains("not the full data set"), origin.describe());
        Map<String, String> listed = Sha256Sums.parse(
                new String(TestFiles.embedded(FashionMnist.SUMS_FILE), StandardCharsets.UTF_8), "SHA256SUMS");
        assertEquals(listed, origin.sha256());
        assertEquals(6000, origin.trainSize());
        assertEquals(1000, origin.testSize());
        assertEquals("classpath:" + FashionMnist.EMBEDDED_RESOURCE, origin.location());
    }

    @Test
    void embeddedSubsetIsTheFirstImagesOfEachClassOfTheRealData() {
        FashionMnist full = debian();
        FashionMnist subset = FashionMnist.load(DataSource.embeddedSubset());
        int[] picked = EmbeddedSubsetBuilder.firstPerClass(full.train().labels(), 600, TestFiles.DEBIAN);
        float[] a = new float[784];
        float[] b = new float[784];
        for (int i = 0; i < picked.length; i += 97) {
            full.train().copyRow(picked[i], a, 0);
            subset.train().copyRow(i, b, 0);
            assertArrayEquals(a, b, "train sample " + i);
            assertEquals(full.train().label(picked[i]), subset.train().label(i));
        }
    }

    @Test
    void builderReproducesTheEmbeddedContent() {
        assumeTrue(TestFiles.debianPresent(), "Debian package dataset-fashion-mnist is not installed");
        EmbeddedSubsetBuilder.build(TestFiles.DEBIAN, dir);
        for (String base : FashionMnist.FILE_BASE_NAMES) {
            // Compare content, not gzip bytes, which may depend on the zlib build.
            byte[] built = TestFiles.gunzip(readBytes(dir.resolve(base + ".gz")));
            assertArrayEquals(TestFiles.gunzip(TestFiles.embedded(base + ".gz")), built, base);
        }
    }

    @Test
    void modifiedCopyOfTheSubsetFailsItsChecksum() throws IOException {
        TestFiles.copyEmbedded(dir);
        // The untouched copy passes, so the failure below is due to the one changed byte.
        FashionMnist ok = FashionMnist.loadChecksummed(dir.toString(), name -> Files.readAllBytes(dir.resolve(name)),
                DatasetOrigin.Kind.EMBEDDED_SUBSET, "test");
        assertEquals(6000, ok.train().size());

        Path victim = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 1;
        Files.write(victim, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.loadChecksummed(dir.toString(),
                name -> Files.readAllBytes(dir.resolve(name)), DatasetOrigin.Kind.EMBEDDED_SUBSET, "test"));
        assertTrue(e.getMessage().contains("Checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(dir + "/t10k-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(Sha256Sums.hex(bytes)), e.getMessage());
    }

    @Test
    void explicitDirectoryWinsOverPropertyEnvironmentAndDebian() throws IOException {
        Path explicit = Files.createDirectory(dir.resolve("explicit"));
        Path debianLike = Files.createDirectory(dir.resolve("debian"));
        Files.write(debianLike.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});

        DataSource chosen = DataSource.resolve(explicit, "/from/property", "/from/env", debianLike);
        DataSource.Directory d = assertInstanceOf(DataSource.Directory.class, chosen);
        assertEquals(explicit, d.path());
        assertEquals(DatasetOrigin.Kind.EXPLICIT_PATH, d.kind());

        d = assertInstanceOf(DataSource.Directory.class, DataSource.resolve(null, "/from/property", "/from/env", debianLike));
        assertEquals(Path.of("/from/property"), d.path());
        assertTrue(d.chosenBy().contains(DataSource.PROPERTY));

        d = assertInstanceOf(DataSource.Directory.class, DataSource.resolve(null, " ", "/from/env", debianLike));
        assertEquals(Path.of("/from/env"), d.path());
        assertTrue(d.chosenBy().contains(DataSource.ENVIRONMENT));

        d = assertInstanceOf(DataSource.Directory.class, DataSource.resolve(null, null, null, debianLike));
        assertEquals(DatasetOrigin.Kind.DEBIAN_PACKAGE, d.kind());

        assertInstanceOf(DataSource.Embedded.class, DataSource.resolve(null, null, "", dir.resolve("absent")));
    }

    @Test
    void explicitDirectoryIsLoadedWithRawOrGzipNamesAndRecordedAsExplicit() throws IOException {
        TestFiles.copyEmbedded(dir);
        // One file uncompressed under the plain name: both spellings must be accepted.
        Path gz = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), TestFiles.gunzip(Files.readAllBytes(gz)));
        Files.delete(gz);

        FashionMnist data = FashionMnist.load(DataSource.resolve(dir, null, null, TestFiles.DEBIAN));
        assertEquals(DatasetOrigin.Kind.EXPLICIT_PATH, data.origin().kind());
        assertEquals(dir.toAbsolutePath().toString(), data.origin().location());
        assertEquals("explicit argument", data.origin().chosenBy());
        assertTrue(data.origin().sha256().containsKey("t10k-labels-idx1-ubyte"));
        assertEquals(6000, data.train().size());
        assertEquals(1000, data.test().size());
    }

    @Test
    void unusableExplicitDirectoryFailsInsteadOfFallingBack() throws IOException {
        Path missing = dir.resolve("no-such-dir");
        DataSource source = DataSource.resolve(null, missing.toString(), null, TestFiles.DEBIAN);
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(source));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(DataSource.PROPERTY), e.getMessage());

        Path incomplete = Files.createDirectory(dir.resolve("incomplete"));
        Files.write(incomplete.resolve("train-images-idx3-ubyte.gz"), TestFiles.embedded("train-images-idx3-ubyte.gz"));
        e = assertThrows(DatasetException.class, () -> FashionMnist.load(DataSource.directory(incomplete)));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz nor train-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void imagesAndLabelsOfDifferentLengthsAreRejected() throws IOException {
        TestFiles.copyEmbedded(dir);
        // Test labels (1,000) next to training images (6,000).
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), TestFiles.embedded("t10k-labels-idx1-ubyte.gz"));
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(DataSource.directory(dir)));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
        assertTrue(e.getMessage().contains("6000 images"), e.getMessage());
        assertTrue(e.getMessage().contains("1000 labels"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("train-labels-idx1-ubyte.gz").toString()), e.getMessage());
    }

    private static double[] meanAndStd(ImageDataset data) {
        float[] x = data.pixels();
        double sum = 0;
        double sumSq = 0;
        for (float v : x) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / x.length;
        return new double[] {mean, Math.sqrt(sumSq / x.length - mean * mean)};
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
