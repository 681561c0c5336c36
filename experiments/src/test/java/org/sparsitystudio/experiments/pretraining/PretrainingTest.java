package org.sparsitystudio.experiments.pretraining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.data.ImageDataset;
import org.sparsitystudio.kernels.io.Safetensors;
import org.sparsitystudio.kernels.nn.Sequential;

/** Pre-training on the embedded subset with tiny settings. */
class PretrainingTest {

    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = FashionMnist.load(DataSource.embeddedSubset());
    }

    private static PretrainConfig tinyVit(Objective objective, int epochs, double fraction) {
        return new PretrainConfig(Backbone.VIT, objective, epochs, fraction, 64, 1e-3, 0.75,
                PretrainConfig.smallVit(7, 16, 1, 2, 32), 3);
    }

    @Test
    void balancedSubsetKeepsTheShareOfEveryClass() {
        ImageDataset train = data.train();
        ImageDataset a = train.balancedSubset(0.1, 1);
        int[] counts = train.classCounts();
        for (int c = 0; c < counts.length; c++) {
            assertEquals(Math.round(0.1 * counts[c]), a.classCounts()[c]);
        }
        assertArrayEquals(a.labels(), train.balancedSubset(0.1, 1).labels());
        assertArrayEquals(a.pixels(), train.balancedSubset(0.1, 1).pixels(), "the same seed draws the same share");
        assertTrue(!java.util.Arrays.equals(a.pixels(), train.balancedSubset(0.1, 2).pixels()), "another seed another");
        assertTrue(train == train.balancedSubset(1, 5));
    }

    @Test
    void metadataReadsBackToTheSameConfigurationAndFallsBackForTrainingSettings() {
        PretrainConfig vit = tinyVit(Objective.MAE, 3, 0.2);
        PretrainConfig mlp = new PretrainConfig(Backbone.MLP, Objective.SUPERVISED, 2, 0.5, 128, 1e-3, 0.75, null, 7);
        assertEquals(vit, PretrainConfig.fromMetadata(vit.metadata(), mlp));
        assertEquals(mlp, PretrainConfig.fromMetadata(mlp.metadata(), vit));
        // a file written elsewhere may describe only the model
        PretrainConfig described = PretrainConfig.fromMetadata(
                Map.of("architecture", "vit", "objective", "supervised", "vit", "patch=7 dim=16 depth=1 heads=2 mlp=32"),
                mlp);
        assertEquals(vit.vit(), described.vit());
        assertEquals(mlp.seed(), described.seed());
        assertEquals(mlp.epochs(), described.epochs());
        IllegalArgumentException noVit = assertThrows(IllegalArgumentException.class,
                () -> PretrainConfig.fromMetadata(Map.of("architecture", "vit", "objective", "mae"), mlp));
        assertTrue(noVit.getMessage().contains("no \"vit\""), noVit.getMessage());
        IllegalArgumentException badVit = assertThrows(IllegalArgumentException.class, () -> PretrainConfig.fromMetadata(
                Map.of("architecture", "vit", "objective", "mae", "vit", "patch=7 dim=16"), mlp));
        assertTrue(badVit.getMessage().contains("has no depth="), badVit.getMessage());
    }

    @Test
    void supervisedMlpLearnsAndItsCheckpointReloadsExactly(@TempDir Path dir) {
        PretrainConfig config = new PretrainConfig(Backbone.MLP, Objective.SUPERVISED, 1, 0.5, 128, 1e-3, 0.75, null, 7);
        List<Double> accuracies = new ArrayList<>();
        Pretrained p = Pretraining.run(config, data, (epoch, loss, accuracy) -> accuracies.add(accuracy), () -> false);
        assertEquals(3000, p.trainSet().size());
        assertTrue(accuracies.get(0) > 0.6, accuracies.toString());
        assertTrue(p.extras().isEmpty());

        Safetensors.Written written = PretrainCheckpoint.save(p, dir.resolve(PretrainCheckpoint.FILE_NAME));
        assertEquals(Safetensors.sha256(written.path()), written.sha256());
        assertEquals("mlp", PretrainCheckpoint.metadata(written.path()).get("architecture"));
        Sequential fresh = config.buildModel();
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, FashionMnist.FEATURES);
        assertNotEquals(p.model().forward(x, false).dup(), fresh.forward(x, false).dup(), "trained is not fresh");
        assertTrue(PretrainCheckpoint.load(written.path(), fresh).isEmpty());
        assertEquals(p.model().forward(x, false).dup(), fresh.forward(x, false).dup());
    }

    @Test
    void maskedPatchReconstructionLowersItsLossAndKeepsItsDecoder(@TempDir Path dir) {
        PretrainConfig config = tinyVit(Objective.MAE, 3, 0.2);
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        Pretrained p = Pretraining.run(config, data, (epoch, loss, accuracy) -> {
            losses.add(loss);
            accuracies.add(accuracy);
        }, () -> false);
        System.out.println("tiny MAE reconstruction loss per epoch: " + losses);
        assertTrue(losses.get(2) < losses.get(0), losses.toString());
        assertTrue(accuracies.stream().allMatch(a -> a.isNaN()), "no head is trained: " + accuracies);
        assertEquals(List.of("mae.mask_token", "mae.decoder.weight", "mae.decoder.bias"), List.copyOf(p.extras().keySet()));

        double probe = new LinearProbe(p.model(), 1).fit(p.trainSet(), () -> false);
        System.out.println("tiny MAE linear probe, training accuracy: " + probe);
        assertTrue(probe > 0.35, "a probe on reconstruction features beats chance (0.1) by far: " + probe);

        Path file = PretrainCheckpoint.save(p, dir.resolve("mae.safetensors")).path();
        Sequential fresh = config.buildModel();
        Map<String, INDArray> extras = PretrainCheckpoint.load(file, fresh);
        assertEquals(p.extras(), extras);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, FashionMnist.FEATURES);
        assertEquals(p.model().forward(x, false).dup(), fresh.forward(x, false).dup());
    }

    @Test
    void maskedPatchReconstructionNeedsPatches() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PretrainConfig(Backbone.MLP, Objective.MAE, 1, 1, 128, 1e-3, 0.75, null, 1));
        assertTrue(e.getMessage().contains("vit"), e.getMessage());
    }
}
