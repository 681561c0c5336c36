package org.sparsitystudio.experiments.kinds.roma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparsitystudio.kernels.nn.Init;

class NextPatchLossTest {

    /** [batch, T, C·p·p] of raw patches with p = 4, C = 2. */
    private static INDArray patches(long seed, int batch, int tokens) {
        return Init.uniform(DataType.DOUBLE, new SplittableRandom(seed), 1.0, batch, tokens, 2 * 16);
    }

    /** Patch rows 1 … T−1, each normalised per channel, as the loss's targets. */
    private static INDArray targets(INDArray patches) {
        INDArray next = patches.get(NDArrayIndex.all(), NDArrayIndex.interval(1, patches.size(1)), NDArrayIndex.all())
                .dup('c');
        INDArray planes = next.reshape('c', next.length() / 16, 16);
        INDArray mean = planes.mean(1);
        INDArray centred = planes.subColumnVector(mean);
        INDArray std = centred.mul(centred).mean(1).addi(NextPatchLoss.NORM_EPS);
        org.nd4j.linalg.ops.transforms.Transforms.sqrt(std, false);
        return centred.divColumnVector(std).reshape('c', next.shape());
    }

    @Test
    void predictingTheNormalisedNextPatchCostsNothing() {
        INDArray p = patches(1, 2, 5);
        NextPatchLoss loss = new NextPatchLoss(2, 4, 1, 2, 4);
        assertEquals(0.0, loss.forward(targets(p), p), 1e-20);
        assertEquals(1.0, loss.targetVariance(), 1e-4);
    }

    @Test
    void predictingZeroCostsTheTargetVarianceAtScaleOneAndNothingAtScaleP() {
        INDArray p = patches(2, 3, 4);
        NextPatchLoss loss = new NextPatchLoss(2, 4, 1, 4);
        double total = loss.forward(Init.uniform(DataType.DOUBLE, new SplittableRandom(0), 0.0, 3, 3, 32), p);
        double[] scales = loss.scaleLosses();
        assertEquals(loss.targetVariance(), scales[0], 1e-12);
        assertEquals(0.0, scales[1], 1e-20, "a normalised patch averages to 0 over itself");
        assertEquals((scales[0] + scales[1]) / 2, total, 1e-15);
    }

    @Test
    void poolingAveragesBlocksWithinEachPatch() {
        INDArray p = patches(3, 1, 2);
        INDArray target = targets(p);
        // add +1 to one 2×2 block and −1 to its neighbour block of channel 0: at scale 2 the two
        // pooled values are off by ±1, at scale 4 they cancel
        INDArray pred = target.dup();
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                pred.putScalar(new long[] {0, 0, y * 4 + x}, pred.getDouble(0, 0, y * 4 + x) + 1);
                pred.putScalar(new long[] {0, 0, y * 4 + x + 2}, pred.getDouble(0, 0, y * 4 + x + 2) - 1);
            }
        }
        NextPatchLoss loss = new NextPatchLoss(2, 4, 1, 2, 4);
        loss.forward(pred, p);
        double[] s = loss.scaleLosses();
        assertEquals(8.0 / 32, s[0], 1e-12);
        assertEquals(2.0 / 8, s[1], 1e-12);
        assertEquals(0.0, s[2], 1e-20);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray p = patches(4, 2, 3);
        NextPatchLoss loss = new NextPatchLoss(2, 4, 1, 2, 4);
        INDArray pred = Init.normal(DataType.DOUBLE, new SplittableRandom(5), 1.0, 2, 2, 32);
        loss.forward(pred, p);
        INDArray analytic = loss.gradient().dup();
        double h = 1e-6;
        for (long i = 0; i < pred.length(); i += 3) {
            INDArray flat = pred.reshape(pred.length());
            double v = flat.getDouble(i);
            flat.putScalar(i, v + h);
            double plus = loss.forward(pred, p);
            flat.putScalar(i, v - h);
            double minus = loss.forward(pred, p);
            flat.putScalar(i, v);
            assertEquals((plus - minus) / (2 * h), analytic.reshape(analytic.length()).getDouble(i), 1e-8, "entry " + i);
        }
    }

    @Test
    void scalesMustDivideThePatch() {
        assertThrows(IllegalArgumentException.class, () -> new NextPatchLoss(3, 4, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new NextPatchLoss(3, 4));
    }
}
