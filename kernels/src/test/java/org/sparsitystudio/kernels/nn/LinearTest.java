package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearTest {

    private static INDArray input(long seed, long rows, long cols) {
        return Init.normal(DataType.DOUBLE, new SplittableRandom(seed), 1.0, rows, cols);
    }

    @Test
    void forwardMatchesDefinition() {
        Linear layer = new Linear(3, 2, true, DataType.DOUBLE, new SplittableRandom(1));
        layer.weight().value().assign(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0, 0.5}}));
        layer.bias().value().assign(Nd4j.createFromArray(0.5, -2.0));
        INDArray y = layer.forward(Nd4j.createFromArray(new double[][] {{1, 1, 1}, {2, 0, -2}}), false);
        assertEquals(6.5, y.getDouble(0, 0), 1e-12);
        assertEquals(-2.5, y.getDouble(0, 1), 1e-12);
        assertEquals(-3.5, y.getDouble(1, 0), 1e-12);
        assertEquals(-5.0, y.getDouble(1, 1), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Linear layer = new Linear(7, 5, true, DataType.DOUBLE, new SplittableRandom(2));
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, input(3, 4, 7), true, 11);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void initialisationFollowsPyTorchBounds() {
        Linear layer = new Linear(400, 50, true, DataType.DOUBLE, new SplittableRandom(5));
        double bound = 1 / Math.sqrt(400);
        assertTrue(layer.weight().value().amaxNumber().doubleValue() <= bound);
        assertTrue(layer.weight().value().amaxNumber().doubleValue() > 0.95 * bound);
        assertTrue(layer.bias().value().amaxNumber().doubleValue() <= bound);
    }

    @Test
    void droppedWeightsStayExactlyZeroAndGetNoGradient() {
        Linear layer = new Linear(6, 4, true, DataType.DOUBLE, new SplittableRandom(4));
        INDArray mask = Nd4j.createFromArray(new double[][] {
            {1, 0, 1, 0, 1, 0}, {0, 1, 0, 1, 0, 1}, {1, 1, 0, 0, 1, 1}, {0, 0, 1, 1, 0, 0}});
        layer.setMask(mask, PrunedWeightRule.DROP);
        INDArray x = input(6, 3, 6);
        layer.forward(x, true);
        layer.backward(Nd4j.ones(DataType.DOUBLE, 3, 4));
        INDArray pruned = mask.rsub(1);
        assertEquals(0.0, layer.weight().value().mul(pruned).amaxNumber().doubleValue());
        assertEquals(0.0, layer.weight().grad().mul(pruned).amaxNumber().doubleValue());
        // the kept entries get the true gradient: the check must pass on them
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, x, true, 3);
        assertTrue(bad.stream().allMatch(m -> m.tensor().equals("weight") && mask.reshape(24).getDouble(m.index()) == 0),
                () -> "mismatches on kept weights: " + bad);
        // after an update the pruned weights are still zero
        layer.weight().value().addi(1.0);
        layer.weight().afterUpdate();
        assertEquals(0.0, layer.weight().value().mul(pruned).amaxNumber().doubleValue());
    }

    @Test
    void straightThroughComputesWithMaskedWeightButPassesFullGradient() {
        SplittableRandom rng = new SplittableRandom(8);
        Linear masked = new Linear(5, 3, false, DataType.DOUBLE, rng);
        Linear reference = new Linear(5, 3, false, DataType.DOUBLE, rng);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 0, 1, 0, 1}, {0, 1, 1, 0, 0}, {1, 1, 1, 1, 0}});
        INDArray dense = masked.weight().value().dup();
        masked.setMask(mask, PrunedWeightRule.STRAIGHT_THROUGH);
        reference.weight().value().assign(dense.mul(mask));
        INDArray x = input(9, 4, 5);
        INDArray g = input(10, 4, 3);
        assertEquals(reference.forward(x, true), masked.forward(x, true));
        assertEquals(dense, masked.weight().value(), "latent dense weight is untouched");
        INDArray dxRef = reference.backward(g).dup();
        INDArray dx = masked.backward(g);
        assertEquals(dxRef, dx);
        assertEquals(reference.weight().grad(), masked.weight().grad(), "full gradient reaches pruned weights");
    }

    @Test
    void scaledAndDecayingRulesScaleGradientAndValue() {
        Linear layer = new Linear(4, 2, false, DataType.DOUBLE, new SplittableRandom(3));
        INDArray w = layer.weight().value().dup();
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 0, 1, 0}, {0, 1, 0, 1}});
        INDArray x = input(12, 3, 4);
        INDArray g = input(13, 3, 2);

        layer.setMask(mask, PrunedWeightRule.decayingValue(0.25));
        INDArray expectedEffective = w.mul(mask.mul(0.75).add(0.25));
        INDArray expectedY = x.mmul(expectedEffective.transpose());
        assertTrue(expectedY.equalsWithEps(layer.forward(x, true), 1e-12));
        INDArray fullGrad = g.transpose().mmul(x);
        layer.backward(g);
        assertTrue(fullGrad.equalsWithEps(layer.weight().grad(), 1e-12));

        layer.setMask(mask, PrunedWeightRule.scaledGradient(0.1));
        layer.forward(x, true);
        layer.backward(g);
        assertTrue(fullGrad.mul(mask.mul(0.9).add(0.1)).equalsWithEps(layer.weight().grad(), 1e-12));
    }

    @Test
    void rejectsMaskOfWrongShape() {
        Linear layer = new Linear(4, 2, false, DataType.DOUBLE, new SplittableRandom(3));
        assertThrows(IllegalArgumentException.class, () -> layer.setMask(Nd4j.ones(2, 3), PrunedWeightRule.DROP));
    }

    @Test
    void rank3InputActsOnEveryTokenAndKeepsShapes() {
        Linear layer = new Linear(5, 3, true, DataType.DOUBLE, new SplittableRandom(21));
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(22), 1.0, 2, 4, 5);
        INDArray y = layer.forward(x, true).dup();
        assertArrayEquals(new long[] {2, 4, 3}, y.shape());
        INDArray w = layer.weight().value();
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                for (int o = 0; o < 3; o++) {
                    double expected = layer.bias().value().getDouble(o);
                    for (int i = 0; i < 5; i++) {
                        expected += x.getDouble(b, t, i) * w.getDouble(o, i);
                    }
                    assertEquals(expected, y.getDouble(b, t, o), 1e-12);
                }
            }
        }
        INDArray dx = layer.backward(Init.normal(DataType.DOUBLE, new SplittableRandom(23), 1.0, 2, 4, 3));
        assertArrayEquals(x.shape(), dx.shape());
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, x, true, 24);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void rank3FloatInputWorks() {
        Linear layer = new Linear(4, 2, true, DataType.FLOAT, new SplittableRandom(25));
        INDArray x = Init.normal(DataType.FLOAT, new SplittableRandom(26), 1.0, 3, 2, 4);
        INDArray y = layer.forward(x, true);
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new long[] {3, 2, 2}, y.shape());
        assertArrayEquals(x.shape(), layer.backward(y.dup()).shape());
    }
}
