package org.sparsitystudio.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fashion-MNIST, from the first source that exists: an explicit directory (argument, system
 * property {@value #PROPERTY} or environment variable {@value #ENVIRONMENT}), the Debian package's
 * directory, or the subset embedded in this module. Pixels become {@code (x/255 − 0.2860)/0.3530}.
 */
public final class FashionMnist {

    /** System property naming a directory with the four IDX files. */
    public static final String PROPERTY = "sparsitystudio.fashionMnist";
    /** Environment variable naming a directory with the four IDX files. */
    public static final String ENVIRONMENT = "SPARSITY_STUDIO_FASHION_MNIST";
    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    static final String SUBSET_RESOURCE = "/org/sparsitystudio/experiments/data/fashion-mnist-subset/";
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte"};
    private static final float MEAN = 0.2860f;
    private static final float STD = 0.3530f;

    private final ImageDataset train;
    private final ImageDataset test;
    private final DatasetOrigin origin;

    private FashionMnist(ImageDataset train, ImageDataset test, DatasetOrigin origin) {
        this.train = train;
        this.test = test;
        this.origin = origin;
    }

    public ImageDataset train() {
        return train;
    }

    public ImageDataset test() {
        return test;
    }

    public DatasetOrigin origin() {
        return origin;
    }

    /**
     * Loads from {@code explicit} if given, else from the property or environment variable if set,
     * else from the Debian package if installed, else the embedded subset. An explicit directory
     * that is not usable is an error, never a silent fallback.
     */
    public static FashionMnist load(Path explicit) {
        Optional<Path> chosen = Optional.ofNullable(explicit)
                .or(() -> Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank()).map(Path::of))
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(s -> !s.isBlank()).map(Path::of));
        if (chosen.isPresent()) {
            return fromDirectory(chosen.get(), DatasetOrigin.Kind.EXPLICIT_PATH);
        }
        if (findFile(DEBIAN_DIRECTORY, FILES[0]).isPresent()) {
            return fromDirectory(DEBIAN_DIRECTORY, DatasetOrigin.Kind.DEBIAN_PACKAGE);
        }
        return embedded();
    }

    /** The subset shipped with the studio: 600 training and 100 test images per class. */
    public static FashionMnist embedded() {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (String file : FILES) {
            raw.put(file + ".gz", resource(file + ".gz"));
        }
        Map<String, String> expected = parseChecksums(new String(resource("SHA256SUMS"), StandardCharsets.US_ASCII));
        Map<String, String> actual = new LinkedHashMap<>();
        raw.forEach((name, bytes) -> actual.put(name, sha256(bytes)));
        verifyChecksums(expected, actual, "embedded subset " + SUBSET_RESOURCE);
        IdxReader.Tensor[] tensors = new IdxReader.Tensor[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            String name = FILES[i] + ".gz";
            int magic = i % 2 == 0 ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC;
            tensors[i] = IdxReader.read(new java.io.ByteArrayInputStream(raw.get(name)), SUBSET_RESOURCE + name, magic,
                    i % 2 == 0 ? "images" : "labels");
        }
        return assemble(tensors, DatasetOrigin.Kind.EMBEDDED_SUBSET, SUBSET_RESOURCE, actual, SUBSET_RESOURCE);
    }

    /** Loads the four files from {@code dir} (gzipped or raw names). */
    public static FashionMnist fromDirectory(Path dir, DatasetOrigin.Kind kind) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": not a directory with the Fashion-MNIST files");
        }
        IdxReader.Tensor[] tensors = new IdxReader.Tensor[FILES.length];
        Map<String, String> checksums = new LinkedHashMap<>();
        for (int i = 0; i < FILES.length; i++) {
            String base = FILES[i];
            Path file = findFile(dir, base).orElseThrow(() -> new DatasetException(
                    dir.resolve(base + ".gz") + ": file not found (nor " + base + " without .gz)"));
            tensors[i] = i % 2 == 0 ? IdxReader.readImages(file) : IdxReader.readLabels(file);
            checksums.put(file.getFileName().toString(), sha256(file));
        }
        return assemble(tensors, kind, dir.toString(), checksums, dir.toString());
    }

    private static FashionMnist assemble(IdxReader.Tensor[] t, DatasetOrigin.Kind kind, String location,
            Map<String, String> checksums, String where) {
        ImageDataset train = toDataset("Fashion-MNIST train", t[0], t[1], where + " (" + FILES[0] + ", " + FILES[1] + ")");
        ImageDataset test = toDataset("Fashion-MNIST test", t[2], t[3], where + " (" + FILES[2] + ", " + FILES[3] + ")");
        return new FashionMnist(train, test, new DatasetOrigin(kind, location, checksums, train.size(), test.size()));
    }

    private static ImageDataset toDataset(String name, IdxReader.Tensor images, IdxReader.Tensor labels, String where) {
        int count = images.dims()[0];
        if (labels.dims()[0] != count) {
            throw new DatasetException(where + ": " + count + " images but " + labels.dims()[0] + " labels");
        }
        if (images.dims()[1] != 28 || images.dims()[2] != 28) {
            throw new DatasetException(where + ": images are " + images.dims()[1] + "x" + images.dims()[2]
                    + ", Fashion-MNIST's are 28x28");
        }
        int features = 28 * 28;
        float[] pixels = new float[count * features];
        byte[] raw = images.data();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = ((raw[i] & 0xff) / 255f - MEAN) / STD;
        }
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = labels.data()[i] & 0xff;
            if (y[i] > 9) {
                throw new DatasetException(where + ": label " + y[i] + " at row " + i + " is not a class 0-9");
            }
        }
        return new ImageDataset(name, pixels, y, features, 10);
    }

    static Optional<Path> findFile(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static byte[] resource(String name) {
        try (InputStream in = FashionMnist.class.getResourceAsStream(SUBSET_RESOURCE + name)) {
            if (in == null) {
                throw new DatasetException(SUBSET_RESOURCE + name + ": missing from the studio's jar (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code sha256sum} output: "hex  name" per line. */
    static Map<String, String> parseChecksums(String text) {
        Map<String, String> sums = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length == 2) {
                sums.put(parts[1].trim(), parts[0].toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sums;
    }

    /** Fails with a message naming each file whose checksum is missing or differs. */
    static void verifyChecksums(Map<String, String> expected, Map<String, String> actual, String where) {
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String want = expected.get(e.getKey());
            if (want == null) {
                throw new DatasetException(where + e.getKey() + ": no checksum listed in SHA256SUMS");
            }
            if (!want.equals(e.getValue())) {
                throw new DatasetException(where + e.getKey() + ": checksum mismatch (SHA-256 " + e.getValue()
                        + ", expected " + want + "); the file is corrupt");
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
