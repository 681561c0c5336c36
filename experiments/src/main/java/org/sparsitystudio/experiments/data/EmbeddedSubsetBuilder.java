package org.sparsitystudio.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Regenerates the embedded Fashion-MNIST subset from the full files.
 *
 * <p>Selection: for each split, the first {@value #TRAIN_PER_CLASS} (train) or
 * {@value #TEST_PER_CLASS} (test) images of every class in file order, kept in file order. A
 * prefix rule rather than a seeded sample so that anyone can reproduce the subset with any tool.
 * The output is byte-for-byte deterministic for a given zlib (gzip header without time stamp).
 *
 * <p>Usage: {@code java -cp experiments/target/classes
 * org.sparsitystudio.experiments.data.EmbeddedSubsetBuilder [sourceDir [outputDir]]}, by default
 * from {@code /usr/share/datasets/fashion-mnist} into the resource folder of this module.
 */
public final class EmbeddedSubsetBuilder {

    /** Training images kept per class. */
    public static final int TRAIN_PER_CLASS = 600;
    /** Test images kept per class. */
    public static final int TEST_PER_CLASS = 100;

    private static final String RESOURCE_DIR = "src/main/resources" + FashionMnist.EMBEDDED_RESOURCE;

    private EmbeddedSubsetBuilder() {
    }

    /** Builds the subset; arguments: optional source directory, optional output directory. */
    public static void main(String[] args) {
        Path source = args.length > 0 ? Path.of(args[0]) : DataSource.DEBIAN_DIRECTORY;
        Path out;
        if (args.length > 1) {
            out = Path.of(args[1]);
        } else {
            // Works from the repository root and from the module directory alike.
            out = Files.isDirectory(Path.of("experiments")) ? Path.of("experiments").resolve(RESOURCE_DIR)
                    : Path.of(RESOURCE_DIR);
        }
        Map<String, String> sums = build(source, out);
        sums.forEach((name, hex) -> System.out.println(hex + "  " + out.resolve(name)));
    }

    /**
     * Writes the four gzipped IDX files and {@code SHA256SUMS} to {@code outputDir}.
     *
     * @return file name → SHA-256, as written to {@code SHA256SUMS}
     */
    public static Map<String, String> build(Path sourceDir, Path outputDir) {
        Map<String, String> sums = new LinkedHashMap<>();
        try {
            Files.createDirectories(outputDir);
            for (int split = 0; split < 2; split++) {
                String imagesBase = FashionMnist.FILE_BASE_NAMES.get(2 * split);
                String labelsBase = FashionMnist.FILE_BASE_NAMES.get(2 * split + 1);
                IdxImages images = IdxReader.readImages(locate(sourceDir, imagesBase));
                int[] labels = IdxReader.readLabels(locate(sourceDir, labelsBase), FashionMnist.CLASSES);
                if (labels.length != images.count()) {
                    throw new DatasetException(sourceDir + ": " + images.count() + " images but " + labels.length + " labels");
                }
                int[] chosen = firstPerClass(labels, split == 0 ? TRAIN_PER_CLASS : TEST_PER_CLASS, sourceDir);
                byte[] imageFile = gzip(imagesIdx(images, chosen));
                byte[] labelFile = gzip(labelsIdx(labels, chosen));
                write(outputDir, imagesBase + ".gz", imageFile, sums);
                write(outputDir, labelsBase + ".gz", labelFile, sums);
            }
            Files.writeString(outputDir.resolve(FashionMnist.SUMS_FILE), Sha256Sums.format(sums), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the subset to " + outputDir, e);
        }
        return sums;
    }

    /** Indices of the first {@code perClass} samples of every class, ascending. */
    static int[] firstPerClass(int[] labels, int perClass, Path sourceDir) {
        int[] taken = new int[FashionMnist.CLASSES];
        int[] chosen = new int[perClass * FashionMnist.CLASSES];
        int n = 0;
        for (int i = 0; i < labels.length && n < chosen.length; i++) {
            if (taken[labels[i]] < perClass) {
                taken[labels[i]]++;
                chosen[n++] = i;
            }
        }
        if (n < chosen.length) {
            throw new DatasetException(sourceDir + " has too few images of some class for " + perClass + " per class");
        }
        return chosen;
    }

    private static Path locate(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(base);
    }

    private static byte[] imagesIdx(IdxImages images, int[] chosen) throws IOException {
        int per = images.pixelsPerImage();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + chosen.length * per);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.IMAGES_MAGIC);
        out.writeInt(chosen.length);
        out.writeInt(images.rows());
        out.writeInt(images.cols());
        for (int i : chosen) {
            out.write(images.pixels(), i * per, per);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] labelsIdx(int[] labels, int[] chosen) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + chosen.length);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(chosen.length);
        for (int i : chosen) {
            out.writeByte(labels[i]);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 2);
        // Best compression: these files ship inside the application jar.
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static void write(Path dir, String name, byte[] content, Map<String, String> sums) throws IOException {
        Files.write(dir.resolve(name), content);
        sums.put(name, Sha256Sums.hex(content));
    }
}
