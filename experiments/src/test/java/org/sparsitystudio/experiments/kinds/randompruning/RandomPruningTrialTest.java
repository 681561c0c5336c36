package org.sparsitystudio.experiments.kinds.randompruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.kernels.nn.Conv2d;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.sparsity.SparsityDistribution;

/** Tiny real trainings on the embedded Fashion-MNIST subset. */
class RandomPruningTrialTest {

    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = FashionMnist.load(DataSource.embeddedSubset());
    }

    private static TrialConfig config(Architecture arch, double width, double sparsity, SparsityDistribution dist) {
        return new TrialConfig(arch, width, 2, sparsity, dist, false, 2, 128, "adam", 1e-3, 3);
    }

    private static INDArray weight(Layer layer) {
        return layer instanceof Linear l ? l.weight().value() : ((Conv2d) layer).weight().value();
    }

    @Test
    void masksKeepExactlyTheRoundedCountPerLayerAndHitTheGlobalDensity() {
        RandomPruningTrial trial = new RandomPruningTrial(config(Architecture.MLP, 1, 0.9, SparsityDistribution.ERK));
        List<Layer> layers = RandomPruningTrial.prunableLayers(trial.model());
        long kept = 0;
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            INDArray w = weight(layers.get(i));
            long nonzero = w.neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().longValue();
            double d = trial.layerDensities().get(i);
            assertEquals(Math.round(d * w.length()), nonzero, "layer " + i);
            assertTrue(d <= 1.0);
            kept += nonzero;
            total += w.length();
        }
        assertEquals(0.1, (double) kept / total, 0.001 * 0.1, "global density within 0.1% of D");
    }

    @Test
    void sparseMlpLearnsAndReportsCounts() {
        RandomPruningTrial trial = new RandomPruningTrial(config(Architecture.MLP, 0.5, 0.8, SparsityDistribution.ERK));
        List<Double> perEpoch = new ArrayList<>();
        TrialResult r = trial.run(data, e -> perEpoch.add(e.testAccuracy()), () -> false);
        assertEquals(2, perEpoch.size());
        // 94 steps on 6,000 real images: well above chance (10%)
        assertTrue(r.finalTestAccuracy() > 0.55, "accuracy " + r.finalTestAccuracy());
        assertEquals(Math.max(perEpoch.get(0), perEpoch.get(1)), r.bestTestAccuracy());
        long weights = 150L * 784 + 50L * 150 + 10L * 50;
        long biases = 150 + 50 + 10;
        assertEquals(weights + biases, r.parameters());
        assertEquals(0.2 * weights, r.nonzeroParameters() - biases, 0.002 * weights);
        assertTrue(r.effectiveFlops() < 0.25 * r.denseFlops());
    }

    @Test
    void sparseCnnTrainsWithItsConvolutionsMasked() {
        RandomPruningTrial trial = new RandomPruningTrial(
                new TrialConfig(Architecture.CNN, 0.25, 2, 0.5, SparsityDistribution.UNIFORM, false, 2, 64, "sgd", 0.05, 1));
        for (Layer layer : RandomPruningTrial.prunableLayers(trial.model())) {
            INDArray w = weight(layer);
            double density = w.neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().doubleValue() / w.length();
            assertEquals(0.5, density, 0.5 / w.length() + 1e-9);
        }
        TrialResult r = trial.run(data, e -> { }, () -> false);
        // measured 0.73 (dense: 0.78) for this seed
        assertTrue(r.finalTestAccuracy() > 0.5, "a CNN at 4/8 channels learns: " + r.finalTestAccuracy());
    }

    @Test
    void cancelStopsBeforeTheNextStep() {
        RandomPruningTrial trial = new RandomPruningTrial(config(Architecture.MLP, 0.25, 0.5, SparsityDistribution.ER));
        int[] checks = {0};
        assertThrows(CancelledException.class, () -> trial.run(data, e -> { }, () -> ++checks[0] > 5));
        // checks are counted per step
        assertEquals(6, checks[0], "checked once per step, stopped at the sixth");
    }

    @Test
    void rejectsBadConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> config(Architecture.MLP, 1, 1.0, SparsityDistribution.ERK));
        assertThrows(IllegalArgumentException.class,
                () -> new TrialConfig(Architecture.MLP, 1, 2, 0.5, SparsityDistribution.ERK, false, 1, 128, "rmsprop", 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> Architecture.MLP.build(0, 2, org.nd4j.linalg.api.buffer.DataType.FLOAT, 0));
    }
}
