package org.sparsitystudio.experiments.kinds.roma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.sparsitystudio.experiments.data.ColourDataset;
import org.sparsitystudio.experiments.data.DatasetException;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.data.folder.ImageFolder;
import org.sparsitystudio.experiments.spi.ParameterException;

/**
 * A RoMA run's images from a folder of real labelled images ({@link ImageFolder}: one folder per
 * class, or train/ and test/ each holding one folder per class) in place of the synthetic scenes.
 *
 * <p>The folder is decoded once per image size ({@link #decode}) and split per run
 * ({@link Decoded#split}): class by class, a shuffle seeded by the run seed and the class index
 * puts {@code min(testPerClass, ⌊n/2⌋)} images in the test set and up to {@code probePerClass} of
 * the rest in the probe's training set. Halving caps the test share so that a small class still
 * trains the probe; seeding by the run seed makes seeds vary the split as well as the weights, so
 * the band across seeds includes the luck of the split, as it must with few real images. A
 * train/test layout keeps its split and only subsamples each half.
 *
 * <p>Pre-training sees every image outside the test set, without labels, class by class in turn
 * (image i is image ⌊i / C⌋ of class i mod C, while the class has any), so that, as with the
 * synthetic pool, a smaller pool is the start of a larger one. The held-out loss is measured on
 * the test images, which pre-training never sees.
 *
 * <p>The rotated test set turns each whole test image by its own angle, uniform in [0, 2π), about
 * its centre ({@link RotationCrop#rotate}); real photographs have no surroundings to fill the
 * corners with, so the corners repeat the nearest edge pixels.
 */
final class FolderScenes {

    /** Fewest readable images a class needs: one to train the probe, one to test it. */
    static final int MIN_PER_CLASS = 2;
    /** Skipped files listed one per log line; the rest are counted, so a broken folder cannot flood the log. */
    static final int LOGGED_SKIPS = 50;

    private static final long SPLIT_SALT = 0x53504C4954L;
    private static final long ANGLE_SALT = 0x414E474C45L;

    private FolderScenes() {
    }

    /**
     * A folder decoded at one image size, before any split: what the runs of a sweep share.
     *
     * @param root       the folder
     * @param size       image side the images were resized to
     * @param classNames class folder names in label order
     * @param layout     class folders, or given train/ and test/ halves
     * @param pool       per class, the images a split draws from: all of them, or the train half
     * @param givenTest  per class, the test half of a train/test layout; empty lists otherwise
     * @param skipped    files that were not used, with the reason
     * @param sha256     digest over every file's relative path and contents, for provenance
     */
    record Decoded(Path root, int size, List<String> classNames, ImageFolder.Layout layout, List<List<float[]>> pool,
            List<List<float[]>> givenTest, List<ImageFolder.Skipped> skipped, String sha256) {

        /** How many readable images of class {@code label} a split draws from. */
        int available(int label) {
            return pool.get(label).size();
        }

        /**
         * The split of run seed {@code seed}.
         *
         * @throws ParameterException when a class has too few readable images for a probe
         */
        Split split(int probePerClass, int testPerClass, long seed) {
            int classes = classNames.size();
            int features = 3 * size * size;
            List<float[]> train = new ArrayList<>();
            List<float[]> test = new ArrayList<>();
            List<Integer> trainLabels = new ArrayList<>();
            List<Integer> testLabels = new ArrayList<>();
            List<List<float[]>> pretrain = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                SplittableRandom rng = new SplittableRandom(seed ^ SPLIT_SALT ^ (c * 0x9E3779B97F4A7C15L));
                List<float[]> shuffled = shuffled(pool.get(c), rng);
                List<float[]> testImages;
                List<float[]> rest;
                if (layout == ImageFolder.Layout.TRAIN_TEST_FOLDERS) {
                    if (shuffled.isEmpty() || givenTest.get(c).isEmpty()) {
                        throw tooFew(c, shuffled.isEmpty() ? "train" : "test");
                    }
                    List<float[]> given = shuffled(givenTest.get(c), rng);
                    testImages = given.subList(0, Math.min(testPerClass, given.size()));
                    rest = shuffled;
                } else {
                    if (shuffled.size() < MIN_PER_CLASS) {
                        throw tooFew(c, null);
                    }
                    int t = Math.min(testPerClass, shuffled.size() / 2);
                    testImages = shuffled.subList(0, t);
                    rest = shuffled.subList(t, shuffled.size());
                }
                for (float[] image : testImages) {
                    test.add(image);
                    testLabels.add(c);
                }
                for (float[] image : rest.subList(0, Math.min(probePerClass, rest.size()))) {
                    train.add(image);
                    trainLabels.add(c);
                }
                pretrain.add(rest);
            }
            String base = root.getFileName() == null ? root.toString() : root.getFileName().toString();
            String name = String.format(Locale.ROOT, "image folder %s %d² (seed %d)", base, size, seed);
            ImageDataset upright = dataset(name + " test", test, testLabels, features, classes);
            List<float[]> turned = new ArrayList<>();
            SplittableRandom angles = new SplittableRandom(seed ^ ANGLE_SALT);
            for (float[] image : test) {
                turned.add(RotationCrop.rotate(image, 3, size, 0, 0, size, 2 * Math.PI * angles.nextDouble()));
            }
            SceneData scenes = new SceneData(dataset(name + " train", train, trainLabels, features, classes), upright,
                    dataset(name + " rotated test", turned, testLabels, features, classes));
            return new Split(this, scenes, interleaved(pretrain));
        }

        private ParameterException tooFew(int label, String half) {
            String name = classNames.get(label);
            String what;
            if (half == null) {
                int n = available(label);
                what = String.format(Locale.ROOT, "class \"%s\" of %s has %d readable image%s; every class needs at "
                        + "least %d, one to train the probe and one to test it", name, root, n, n == 1 ? "" : "s",
                        MIN_PER_CLASS);
            } else {
                what = String.format(Locale.ROOT, "class \"%s\" of %s has no readable image in %s/; with train/ and "
                        + "test/ folders every class needs an image in each", name, root, half);
            }
            long unreadable = skipped.stream().filter(s -> inClass(s.file(), name)).count();
            return new ParameterException("folder", root.toString(), what + (unreadable == 0 ? ""
                    : " (" + unreadable + " of its files could not be used; the run's log lists them)"));
        }

        private boolean inClass(Path file, String name) {
            if (!file.startsWith(root)) {
                return false;
            }
            for (Path part : root.relativize(file)) {
                if (part.toString().equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One run's images.
     *
     * @param decoded the folder they come from
     * @param scenes  labelled sets of the probe: train, test, rotated test
     * @param pool    every image outside the test set, classes in turn (see the class comment)
     */
    record Split(Decoded decoded, SceneData scenes, List<float[]> pool) {

        /**
         * The first {@code count} pre-training images, channel-major, one after another.
         *
         * @throws ParameterException when the folder has fewer images outside the test set
         */
        float[] pretrainPool(int count) {
            if (count > pool.size()) {
                throw new ParameterException("pretrainImages", Integer.toString(count), String.format(Locale.ROOT,
                        "pretrainImages = %d, but %s has only %d images outside the test set to pre-train on; "
                                + "choose at most %d (a scaling study should not claim images it did not use)",
                        count, decoded.root(), pool.size(), pool.size()));
            }
            int features = 3 * decoded.size() * decoded.size();
            float[] out = new float[Math.multiplyExact(count, features)];
            for (int i = 0; i < count; i++) {
                System.arraycopy(pool.get(i), 0, out, i * features, features);
            }
            return out;
        }

        /** The data line of the run's provenance and log. */
        String describe() {
            return String.format(Locale.ROOT, "image folder %s (%s, %d classes: %s) at %d², split by seed: "
                    + "%d probe-training, %d test images upright + rotated, %d images outside the test set for "
                    + "pre-training; %d files skipped", decoded.root(),
                    decoded.layout() == ImageFolder.Layout.TRAIN_TEST_FOLDERS ? "train/ and test/ as given"
                            : "one folder per class", decoded.classNames().size(),
                    String.join(", ", decoded.classNames()), decoded.size(), scenes.train().size(),
                    scenes.test().size(), pool.size(), decoded.skipped().size());
        }
    }

    /**
     * Reads the folder at {@code path} with every image resized to {@code size}².
     *
     * @throws ParameterException when the path is empty or not a folder, or the folder holds fewer
     *         than two classes or no readable image
     */
    static Decoded decode(String path, int size) {
        if (path.isBlank()) {
            throw new ParameterException("folder", path, "data = folder needs the image folder's path in \"folder\": "
                    + "a folder holding one folder of images per class (PNG, JPEG or TIFF)");
        }
        Path root = Path.of(path.strip()).toAbsolutePath().normalize();
        ImageFolder.Result loaded;
        try {
            loaded = ImageFolder.load(root, new ImageFolder.Options(size, size, 0, 0.5));
        } catch (DatasetException e) {
            throw new ParameterException("folder", path, e.getMessage());
        }
        int classes = loaded.classNames().size();
        if (classes < 2) {
            throw new ParameterException("folder", path, root + " holds " + classes + " class folder ("
                    + String.join(", ", loaded.classNames()) + "); a probe needs at least 2 classes, each in a "
                    + "folder of its own");
        }
        List<List<float[]>> pool = new ArrayList<>();
        List<List<float[]>> givenTest = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            pool.add(new ArrayList<>());
            givenTest.add(new ArrayList<>());
        }
        boolean given = loaded.layout() == ImageFolder.Layout.TRAIN_TEST_FOLDERS;
        addByClass(loaded.train(), pool);
        addByClass(loaded.test(), given ? givenTest : pool);
        return new Decoded(root, size, loaded.classNames(), loaded.layout(), pool, givenTest, loaded.skipped(),
                digest(root));
    }

    /**
     * What identifies the folder's contents without reading them: each file's relative path, size
     * and modification time. A sweep decodes the folder again only when this changes.
     */
    static String listing(String path) {
        Path root = Path.of(path.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Path file : files(root)) {
            try {
                out.append(root.relativize(file)).append('\t').append(Files.size(file)).append('\t')
                        .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            } catch (IOException e) {
                out.append(root.relativize(file)).append("\t?\n");
            }
        }
        return out.toString();
    }

    private static void addByClass(ColourDataset set, List<List<float[]>> byClass) {
        for (int i = 0; i < set.size(); i++) {
            byClass.get(set.data().label(i)).add(set.image(i));
        }
    }

    private static List<float[]> shuffled(List<float[]> images, SplittableRandom rng) {
        List<float[]> out = new ArrayList<>(images);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float[] t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static List<float[]> interleaved(List<List<float[]>> byClass) {
        List<float[]> out = new ArrayList<>();
        int longest = byClass.stream().mapToInt(List::size).max().orElse(0);
        for (int k = 0; k < longest; k++) {
            for (List<float[]> images : byClass) {
                if (k < images.size()) {
                    out.add(images.get(k));
                }
            }
        }
        return out;
    }

    private static ImageDataset dataset(String name, List<float[]> images, List<Integer> labels, int features,
            int classes) {
        float[] pixels = new float[Math.multiplyExact(images.size(), features)];
        int[] out = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * features, features);
            out[i] = labels.get(i);
        }
        return ImageDataset.of(name, features, classes, pixels, out);
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over every file's relative path (with '/') and bytes, in path order. */
    private static String digest(Path root) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files(root)) {
            sha.update(root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                while (in.read(buffer) >= 0) {
                    // the digest stream hashes as it reads
                }
            } catch (IOException e) {
                // an unreadable file is listed as skipped; its name still counts
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
