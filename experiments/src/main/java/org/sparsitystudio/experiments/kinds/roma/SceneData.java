package org.sparsitystudio.experiments.kinds.roma;

import java.util.stream.IntStream;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.experiments.data.aerial.AerialClass;
import org.sparsitystudio.experiments.data.aerial.AerialScenes;
import org.sparsitystudio.experiments.data.aerial.Orientation;

/**
 * The synthetic scenes a RoMA run uses. Labelled sets come from data seed {@link #LABELLED_SEED}:
 * an upright training set for the probe, and the same test indices once upright and once rotated,
 * so the two test sets differ in orientation alone. Pre-training images come from seed
 * {@link #PRETRAIN_SEED}, so they are never the probe's images, and are upright: any rotation the
 * model sees in pre-training is the one rotation-aware cropping adds, which is what the rotated
 * test set then measures.
 *
 * @param train        labelled upright training images
 * @param test         labelled upright test images
 * @param rotatedTest  the same test images, each turned by its own θ
 */
public record SceneData(ImageDataset train, ImageDataset test, ImageDataset rotatedTest) {

    /** Data seed of the labelled sets. */
    public static final long LABELLED_SEED = 0;
    /** Data seed of the pre-training images. */
    public static final long PRETRAIN_SEED = 1;

    /** Generates the labelled sets. */
    public static SceneData labelled(int size, int trainPerClass, int testPerClass) {
        AerialScenes.Config upright = new AerialScenes.Config(LABELLED_SEED, size, trainPerClass, testPerClass,
                Orientation.UPRIGHT);
        AerialScenes.Split split = AerialScenes.generate(upright);
        ImageDataset rotated = AerialScenes.generate(upright.withCounts(0, testPerClass)
                .withOrientation(Orientation.ROTATED)).test().data();
        return new SceneData(split.train().data(), split.test().data(), rotated);
    }

    /**
     * {@code count} unlabelled upright images, channel-major, one after another. Image i is image
     * i / 8 of class i mod 8, so every prefix is as class-balanced as it can be and a smaller pool
     * is the start of a larger one: a data-scaling sweep adds images, it never swaps them.
     */
    public static float[] pretrainPool(int size, int count) {
        int features = 3 * size * size;
        float[] pool = new float[Math.multiplyExact(count, features)];
        AerialClass[] classes = AerialClass.values();
        IntStream.range(0, count).parallel().forEach(i -> AerialScenes.render(PRETRAIN_SEED,
                classes[i % classes.length], i / classes.length, size, false, pool, i * features));
        return pool;
    }
}
