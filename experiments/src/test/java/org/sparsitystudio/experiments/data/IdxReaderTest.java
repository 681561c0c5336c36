package org.sparsitystudio.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path dir;

    private static DatasetException assertFails(Path file, Runnable action, String... phrases) {
        DatasetException e = assertThrows(DatasetException.class, action::run);
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), () -> "message should name " + file + ": " + message);
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), () -> "message should say '" + phrase + "': " + message);
        }
        return e;
    }

    @Test
    void readsGzippedAndRawAlikeWhateverTheName() throws IOException {
        byte[] gz = TestFiles.embedded(TEST_IMAGES);
        Path rawNamedGz = dir.resolve("raw-but-named.gz");
        Files.write(rawNamedGz, TestFiles.gunzip(gz));
        Path gzNamedRaw = dir.resolve("gzip-but-named-ubyte");
        Files.write(gzNamedRaw, gz);

        IdxImages a = IdxReader.readImages(rawNamedGz);
        IdxImages b = IdxReader.readImages(gzNamedRaw);
        assertEquals(1000, a.count());
        assertEquals(28, a.rows());
        assertEquals(28, a.cols());
        assertArrayEquals(a.pixels(), b.pixels());

        int[] labels = IdxReader.readLabels(TestFiles.embedded(TEST_LABELS), TEST_LABELS, 10);
        assertEquals(1000, labels.length);
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(labels, 10));
    }

    @Test
    void realGzipCutShortIsReportedAsTruncated() throws IOException {
        byte[] gz = TestFiles.embedded(TEST_IMAGES);
        Path cut = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        assertFails(cut, () -> IdxReader.readImages(cut), "truncated", "gzip");
    }

    @Test
    void gzipCutInsideItsTrailerOrHeaderIsTruncated() throws IOException {
        byte[] gz = TestFiles.embedded(TEST_LABELS);
        Path trailer = dir.resolve("trailer-cut.gz");
        Files.write(trailer, Arrays.copyOf(gz, gz.length - 3));
        assertFails(trailer, () -> IdxReader.readLabels(trailer, 10), "truncated");

        Path header = dir.resolve("header-cut.gz");
        Files.write(header, Arrays.copyOf(gz, 5));
        assertFails(header, () -> IdxReader.readLabels(header, 10), "truncated");
    }

    @Test
    void rawFileCutMidImageIsTruncated() throws IOException {
        byte[] raw = TestFiles.gunzip(TestFiles.embedded(TEST_IMAGES));
        Path cut = dir.resolve("t10k-images-idx3-ubyte");
        int keep = 16 + 10 * 784 + 300; // ten images and part of the eleventh
        Files.write(cut, Arrays.copyOf(raw, keep));
        assertFails(cut, () -> IdxReader.readImages(cut), "truncated", (keep - 16) + " of the 784000");
    }

    @Test
    void emptyFileIsTruncated() throws IOException {
        Path empty = dir.resolve("empty-ubyte");
        Files.write(empty, new byte[0]);
        assertFails(empty, () -> IdxReader.readImages(empty), "truncated", "header");
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path labels = dir.resolve("labels.gz");
        Files.write(labels, TestFiles.embedded(TEST_LABELS));
        assertFails(labels, () -> IdxReader.readImages(labels), "not an IDX image file", "0x00000801", "swapped");

        Path text = dir.resolve("readme.txt");
        Files.writeString(text, "This is not an IDX file at all.");
        assertFails(text, () -> IdxReader.readLabels(text, 10), "not an IDX label file", "0x54686973");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere/train-images-idx3-ubyte.gz");
        assertFails(missing, () -> IdxReader.readImages(missing), "does not exist");
    }

    @Test
    void corruptGzipIsNamed() throws IOException {
        byte[] gz = TestFiles.embedded(TEST_LABELS);
        gz[gz.length - 6] ^= 0x5A; // inside the CRC-32 of the trailer
        Path bad = dir.resolve("crc.gz");
        Files.write(bad, gz);
        assertFails(bad, () -> IdxReader.readLabels(bad, 10), "corrupt gzip");
    }

    @Test
    void labelOutOfRangeIsNamedWithItsIndex() throws IOException {
        byte[] raw = TestFiles.gunzip(TestFiles.embedded(TEST_LABELS));
        raw[8 + 37] = 12;
        Path bad = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(bad, raw);
        assertFails(bad, () -> IdxReader.readLabels(bad, 10), "label 12 at index 37", "0..9");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] raw = TestFiles.gunzip(TestFiles.embedded(TEST_LABELS));
        Path longer = dir.resolve("longer-ubyte");
        Files.write(longer, Arrays.copyOf(raw, raw.length + 5));
        assertFails(longer, () -> IdxReader.readLabels(longer, 10), "5 bytes more");
    }
}
