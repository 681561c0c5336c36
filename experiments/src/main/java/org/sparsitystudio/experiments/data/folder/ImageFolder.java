package org.sparsitystudio.experiments.data.folder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.sparsitystudio.experiments.data.ColourDataset;
import org.sparsitystudio.experiments.data.DatasetException;
import org.sparsitystudio.experiments.data.RgbImages;

/**
 * Real labelled images from a directory tree, as torchvision's {@code ImageFolder} reads them:
 * {@code root/<class>/…/*.png} (also jpg, jpeg, tif, tiff, in any letter case), or the same
 * below {@code root/train} and {@code root/test} when the data come already split.
 *
 * <p>Class indices follow the sorted folder names (by code point, not locale, so the order is the
 * same on every machine); with a train/test layout the names of both halves are merged first, so
 * a class missing from one half still gets the same index in both. Without that layout each file
 * goes to the training split when a hash of (seed, class, file path) falls below the training
 * fraction: the split of a file never depends on which other files exist, so adding images does
 * not reshuffle the test set.
 *
 * <p>Every image becomes RGB (grey replicated, alpha dropped) and is resized bilinearly to the
 * requested size. A file that cannot be read, or that is not an image, is skipped and listed in
 * {@link Result#skipped()} with the reason; only a tree without classes or without any readable
 * image is an error. UC Merced (21 classes of 256² TIFF) and EuroSAT RGB (10 classes of 64² JPEG)
 * load as distributed.
 */
public final class ImageFolder {

    /** File name extensions read as images, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff");

    /** How the tree was organised. */
    public enum Layout {
        /** {@code root/<class>/…}; split by file-name hash. */
        CLASS_FOLDERS,
        /** {@code root/train/<class>/…} and {@code root/test/<class>/…}; split as given. */
        TRAIN_TEST_FOLDERS
    }

    /**
     * How to load.
     *
     * @param width         output width in pixels
     * @param height        output height in pixels
     * @param seed          seeds the hash split of the class-folder layout
     * @param trainFraction share of files that go to training in the class-folder layout, in (0, 1)
     */
    public record Options(int width, int height, long seed, double trainFraction) {

        /** Checks the values. */
        public Options {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
            }
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("training fraction must lie in (0, 1), got " + trainFraction);
            }
        }

        /** Square images and the usual 80/20 split. */
        public static Options square(int size, long seed) {
            return new Options(size, size, seed, 0.8);
        }
    }

    /**
     * A file that was left out.
     *
     * @param file   the file
     * @param reason why, in words fit for a log or a dialog
     */
    public record Skipped(Path file, String reason) {
    }

    /**
     * What was loaded.
     *
     * @param train      training images
     * @param test       test images
     * @param layout     the layout found
     * @param classNames the folder names, in label order
     * @param skipped    every file that was not used, with the reason, in path order
     */
    public record Result(ColourDataset train, ColourDataset test, Layout layout, List<String> classNames,
            List<Skipped> skipped) {

        /** Copies the lists. */
        public Result {
            classNames = List.copyOf(classNames);
            skipped = List.copyOf(skipped);
        }
    }

    private ImageFolder() {
    }

    /**
     * Loads a tree.
     *
     * @throws DatasetException if {@code root} is not a directory, holds no class folders, or
     *                          not a single image in it could be read
     */
    public static Result load(Path root, Options options) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + " is not a directory: choose the folder that holds one folder per class"
                    + " (or train/ and test/ folders)");
        }
        List<Skipped> skipped = new ArrayList<>();
        Path trainRoot = root.resolve("train");
        Path testRoot = root.resolve("test");
        boolean split = Files.isDirectory(trainRoot) && Files.isDirectory(testRoot);
        Layout layout = split ? Layout.TRAIN_TEST_FOLDERS : Layout.CLASS_FOLDERS;
        TreeSet<String> names = new TreeSet<>();
        if (split) {
            names.addAll(classFolders(trainRoot, skipped));
            names.addAll(classFolders(testRoot, skipped));
            skipOthers(root, Set.of("train", "test"), skipped);
        } else {
            names.addAll(classFolders(root, skipped));
        }
        if (names.isEmpty()) {
            throw new DatasetException(root + " holds no class folders: put each class's images in a folder named"
                    + " after the class, e.g. " + root.resolve("forest") + "/1.png");
        }
        List<String> classNames = List.copyOf(names);
        Accumulator train = new Accumulator(options);
        Accumulator test = new Accumulator(options);
        for (int label = 0; label < classNames.size(); label++) {
            String name = classNames.get(label);
            if (split) {
                readClass(trainRoot.resolve(name), label, train, skipped);
                readClass(testRoot.resolve(name), label, test, skipped);
            } else {
                Path dir = root.resolve(name);
                for (Path file : imageFiles(dir, skipped)) {
                    String key = name + "/" + dir.relativize(file).toString().replace('\\', '/');
                    Accumulator target = unitHash(options.seed(), key) < options.trainFraction() ? train : test;
                    read(file, label, target, skipped);
                }
            }
        }
        if (train.size() + test.size() == 0) {
            throw new DatasetException(root + " holds no readable image (" + skipped.size() + " files skipped"
                    + (skipped.isEmpty() ? "" : ", e.g. " + skipped.get(0).file() + ": " + skipped.get(0).reason())
                    + "): supported are " + String.join(", ", new TreeSet<>(EXTENSIONS)));
        }
        skipped.sort((a, b) -> a.file().toString().compareTo(b.file().toString()));
        String base = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        return new Result(train.build(base + " train", classNames), test.build(base + " test", classNames), layout,
                classNames, skipped);
    }

    /** Sub-folder names of {@code dir}, sorted; loose files there are listed as skipped. */
    private static List<String> classFolders(Path dir, List<Skipped> skipped) {
        List<String> out = new ArrayList<>();
        for (Path child : list(dir)) {
            if (Files.isDirectory(child)) {
                out.add(child.getFileName().toString());
            } else {
                skipped.add(new Skipped(child, "not inside a class folder"));
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    private static void skipOthers(Path root, Set<String> used, List<Skipped> skipped) {
        for (Path child : list(root)) {
            if (!used.contains(child.getFileName().toString())) {
                skipped.add(new Skipped(child, Files.isDirectory(child)
                        ? "folder beside train/ and test/ is ignored" : "not inside a class folder"));
            }
        }
    }

    private static void readClass(Path dir, int label, Accumulator target, List<Skipped> skipped) {
        if (Files.isDirectory(dir)) {
            for (Path file : imageFiles(dir, skipped)) {
                read(file, label, target, skipped);
            }
        }
    }

    /** Regular files below {@code dir} (any depth), sorted; those without an image extension are skipped. */
    private static List<Path> imageFiles(Path dir, List<Skipped> skipped) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (Path file : files) {
            if (EXTENSIONS.contains(extension(file))) {
                out.add(file);
            } else {
                skipped.add(new Skipped(file, "not an image file (supported: .png, .jpg, .jpeg, .tif, .tiff)"));
            }
        }
        return out;
    }

    private static void read(Path file, int label, Accumulator target, List<Skipped> skipped) {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            // Decoders throw unchecked exceptions too on some damaged files; any failure skips the file.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            skipped.add(new Skipped(file, "unreadable: " + message));
            return;
        }
        if (image == null) {
            skipped.add(new Skipped(file, "unreadable: no decoder recognises its contents"));
            return;
        }
        target.add(image, label);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * A number in [0, 1) from (seed, key): FNV-1a over the key's UTF-8 bytes, then mixed with the
     * seed. {@link String#hashCode} would do as a hash but clusters on similar names such as
     * "img_001.png", "img_002.png".
     */
    static double unitHash(long seed, String key) {
        long h = 0xCBF29CE484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        h = mix64(h ^ mix64(seed + 0x9E3779B97F4A7C15L));
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Resized images of one split, gathered before the final arrays' size is known. */
    private static final class Accumulator {
        private final Options options;
        private final List<float[]> images = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();

        Accumulator(Options options) {
            this.options = options;
        }

        void add(BufferedImage image, int label) {
            float[] chw = new float[3 * options.width() * options.height()];
            RgbImages.toChannelMajor(image, options.width(), options.height(), chw, 0);
            images.add(chw);
            labels.add(label);
        }

        int size() {
            return images.size();
        }

        ColourDataset build(String name, List<String> classNames) {
            int features = 3 * options.width() * options.height();
            float[] pixels = new float[Math.multiplyExact(images.size(), features)];
            int[] out = new int[images.size()];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, pixels, i * features, features);
                out[i] = labels.get(i);
            }
            images.clear();
            return ColourDataset.wrap(name, 3, options.height(), options.width(), classNames, pixels, out);
        }
    }
}
