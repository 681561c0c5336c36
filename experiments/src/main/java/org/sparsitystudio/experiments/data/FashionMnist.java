package org.sparsitystudio.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST: the training and test splits, normalised as in the reference recipe
 * ({@code (x / 255 − 0.2860) / 0.3530}, training-set statistics for both splits), together with
 * the {@link DatasetOrigin} saying where they were read from.
 */
public final class FashionMnist {

    /** Image height and width in pixels. */
    public static final int SIDE = 28;
    /** Values per image. */
    public static final int FEATURES = SIDE * SIDE;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Mean of the training pixels after division by 255 (the reference recipe's constant). */
    public static final float MEAN = 0.2860f;
    /** Standard deviation of the training pixels after division by 255 (the recipe's constant). */
    public static final float STD = 0.3530f;
    /** Class names in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The four files without compression suffix: train images, train labels, test images, test labels. */
    public static final List<String> FILE_BASE_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Class-path folder of the embedded subset. */
    static final String EMBEDDED_RESOURCE = "/org/sparsitystudio/experiments/data/fashion-mnist-subset";
    /** Name of the checksum list next to the embedded files. */
    static final String SUMS_FILE = "SHA256SUMS";

    private final ImageDataset train;
    private final ImageDataset test;
    private final DatasetOrigin origin;

    private FashionMnist(ImageDataset train, ImageDataset test, DatasetOrigin origin) {
        this.train = train;
        this.test = test;
        this.origin = origin;
    }

    /** Loads from the source {@link DataSource#resolve()} picks. */
    public static FashionMnist load() {
        return load(DataSource.resolve());
    }

    /**
     * Loads both splits from {@code source}.
     *
     * @throws DatasetException if a file is missing, unreadable, malformed or fails its checksum
     */
    public static FashionMnist load(DataSource source) {
        if (source instanceof DataSource.Directory dir) {
            return loadDirectory(dir);
        }
        return loadEmbedded();
    }

    /** The training split. */
    public ImageDataset train() {
        return train;
    }

    /** The test split. */
    public ImageDataset test() {
        return test;
    }

    /** Where the data came from. */
    public DatasetOrigin origin() {
        return origin;
    }

    /** Normalises raw pixel bytes with the recipe's constants, in float as PyTorch does. */
    static float[] normalise(byte[] raw) {
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = ((raw[i] & 0xFF) / 255f - MEAN) / STD;
        }
        return out;
    }

    private static FashionMnist loadDirectory(DataSource.Directory source) {
        Path dir = source.path();
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("The Fashion-MNIST directory " + dir + " (from " + source.chosenBy() + ") "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist")
                    + ". Point it at a directory holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                    + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (or their uncompressed versions), "
                    + "or remove the setting to use the default.");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        for (String base : FILE_BASE_NAMES) {
            Path file = find(dir, base, source);
            byte[] content = IdxReader.readFile(file);
            files.put(file.toString(), content);
            sums.put(file.getFileName().toString(), Sha256Sums.hex(content));
        }
        return assemble(files, new DatasetOrigin(source.kind(), dir.toAbsolutePath().toString(), source.chosenBy(),
                sums, 0, 0));
    }

    private static Path find(Path dir, String base, DataSource.Directory source) {
        // The compressed name first: it is what the Debian package and the original site ship.
        Path gz = dir.resolve(base + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        Path raw = dir.resolve(base);
        if (Files.exists(raw)) {
            return raw;
        }
        throw new DatasetException("The Fashion-MNIST directory " + dir + " (from " + source.chosenBy()
                + ") has neither " + base + ".gz nor " + base + ". Put the four Fashion-MNIST files there, "
                + "or point the setting at the directory that has them.");
    }

    private static FashionMnist loadEmbedded() {
        return loadChecksummed("classpath:" + EMBEDDED_RESOURCE, name -> {
            try (InputStream in = FashionMnist.class.getResourceAsStream(EMBEDDED_RESOURCE + "/" + name)) {
                if (in == null) {
                    throw new DatasetException("The embedded Fashion-MNIST subset is missing " + EMBEDDED_RESOURCE + "/"
                            + name + " from the class path. The application is incomplete; reinstall it, or set "
                            + DataSource.PROPERTY + " to a directory with the full Fashion-MNIST.");
                }
                return in.readAllBytes();
            }
        }, DatasetOrigin.Kind.EMBEDDED_SUBSET, new DataSource.Embedded().chosenBy());
    }

    /** Reads one named file of a checksummed file set. */
    @FunctionalInterface
    interface FileOpener {
        byte[] read(String name) throws IOException;
    }

    /**
     * Loads a file set that comes with a {@value #SUMS_FILE} listing, verifying every file
     * before parsing it. Separate from the class-path lookup so the verification can be tested
     * on a modified copy.
     */
    static FashionMnist loadChecksummed(String location, FileOpener opener, DatasetOrigin.Kind kind, String chosenBy) {
        Map<String, String> expected = Sha256Sums.parse(
                new String(read(opener, SUMS_FILE, location), StandardCharsets.UTF_8), location + "/" + SUMS_FILE);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        for (String base : FILE_BASE_NAMES) {
            String name = base + ".gz";
            byte[] content = read(opener, name, location);
            sums.put(name, Sha256Sums.verify(name, content, expected, location));
            files.put(location + "/" + name, content);
        }
        return assemble(files, new DatasetOrigin(kind, location, chosenBy, sums, 0, 0));
    }

    private static byte[] read(FileOpener opener, String name, String location) {
        try {
            return opener.read(name);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + location + "/" + name + " (" + e + "). Reinstall the "
                    + "application, or set " + DataSource.PROPERTY + " to a directory with the full Fashion-MNIST.", e);
        }
    }

    /** Parses the four files (in {@link #FILE_BASE_NAMES} order) and pairs images with labels. */
    private static FashionMnist assemble(Map<String, byte[]> files, DatasetOrigin partial) {
        List<Map.Entry<String, byte[]>> entries = List.copyOf(files.entrySet());
        ImageDataset train = split("Fashion-MNIST train", entries.get(0), entries.get(1));
        ImageDataset test = split("Fashion-MNIST test", entries.get(2), entries.get(3));
        DatasetOrigin origin = new DatasetOrigin(partial.kind(), partial.location(), partial.chosenBy(),
                partial.sha256(), train.size(), test.size());
        return new FashionMnist(train, test, origin);
    }

    private static ImageDataset split(String name, Map.Entry<String, byte[]> imageFile,
            Map.Entry<String, byte[]> labelFile) {
        IdxImages images = IdxReader.readImages(imageFile.getValue(), imageFile.getKey());
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new DatasetException(imageFile.getKey() + " holds " + images.rows() + "×" + images.cols()
                    + " images; Fashion-MNIST images are " + SIDE + "×" + SIDE + ". This is a different data set.");
        }
        int[] labels = IdxReader.readLabels(labelFile.getValue(), labelFile.getKey(), CLASSES);
        if (labels.length != images.count()) {
            throw new DatasetException("Image and label files do not match: " + imageFile.getKey() + " has "
                    + images.count() + " images but " + labelFile.getKey() + " has " + labels.length
                    + " labels. Both must come from the same download; replace the pair.");
        }
        return new ImageDataset(name, FEATURES, CLASSES, normalise(images.pixels()), labels, true);
    }
}
