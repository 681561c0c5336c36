package org.sparsitystudio.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Regenerates the embedded subset from the full Fashion-MNIST: the first 600 training and first
 * 100 test images of each class, in file order (no randomness, so a rebuild gives the same bytes),
 * written as gzipped IDX files with a {@code SHA256SUMS} file.
 *
 * <pre>java -cp … org.sparsitystudio.experiments.data.EmbeddedSubsetBuilder /usr/share/datasets/fashion-mnist \
 *     experiments/src/main/resources/org/sparsitystudio/experiments/data/fashion-mnist-subset</pre>
 */
public final class EmbeddedSubsetBuilder {

    static final int TRAIN_PER_CLASS = 600;
    static final int TEST_PER_CLASS = 100;

    private EmbeddedSubsetBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedSubsetBuilder FULL_DATA_DIR OUTPUT_DIR");
            System.exit(2);
        }
        build(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes the subset of the files in {@code source} into {@code target}. */
    public static void build(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        StringBuilder sums = new StringBuilder();
        for (int split = 0; split < 2; split++) {
            String imagesName = FashionMnist.FILES[2 * split];
            String labelsName = FashionMnist.FILES[2 * split + 1];
            IdxReader.Tensor images = IdxReader.readImages(FashionMnist.findFile(source, imagesName).orElseThrow());
            IdxReader.Tensor labels = IdxReader.readLabels(FashionMnist.findFile(source, labelsName).orElseThrow());
            List<Integer> rows = firstPerClass(labels.data(), split == 0 ? TRAIN_PER_CLASS : TEST_PER_CLASS);
            int pixels = images.dims()[1] * images.dims()[2];
            byte[] imageBytes = new byte[rows.size() * pixels];
            byte[] labelBytes = new byte[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(images.data(), rows.get(i) * pixels, imageBytes, i * pixels, pixels);
                labelBytes[i] = labels.data()[rows.get(i)];
            }
            byte[] imagesGz = gzipIdx(IdxReader.IMAGES_MAGIC, new int[] {rows.size(), images.dims()[1], images.dims()[2]},
                    imageBytes);
            byte[] labelsGz = gzipIdx(IdxReader.LABELS_MAGIC, new int[] {rows.size()}, labelBytes);
            Files.write(target.resolve(imagesName + ".gz"), imagesGz);
            Files.write(target.resolve(labelsName + ".gz"), labelsGz);
            sums.append(FashionMnist.sha256(imagesGz)).append("  ").append(imagesName).append(".gz\n");
            sums.append(FashionMnist.sha256(labelsGz)).append("  ").append(labelsName).append(".gz\n");
        }
        Files.writeString(target.resolve("SHA256SUMS"), sums.toString(), StandardCharsets.US_ASCII);
    }

    /** Row indices of the first {@code perClass} samples of each class, kept in file order. */
    static List<Integer> firstPerClass(byte[] labels, int perClass) {
        int[] taken = new int[10];
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (taken[label] < perClass) {
                taken[label]++;
                rows.add(i);
            }
        }
        return rows;
    }

    private static byte[] gzipIdx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
