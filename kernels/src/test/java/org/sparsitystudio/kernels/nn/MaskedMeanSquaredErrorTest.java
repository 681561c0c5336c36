package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskedMeanSquaredErrorTest {

    private static final INDArray MASK = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 0, 1}});

    @Test
    void averagesOverMaskedTokensOnly() {
        INDArray pred = Nd4j.zeros(DataType.DOUBLE, 2, 3, 2);
        INDArray target = Nd4j.ones(DataType.DOUBLE, 2, 3, 2);
        // unmasked tokens get huge errors that must not count
        target.putScalar(new long[] {0, 1, 0}, 100);
        target.putScalar(new long[] {1, 0, 1}, -50);
        target.putScalar(new long[] {1, 2, 0}, 3);
        MaskedMeanSquaredError loss = new MaskedMeanSquaredError();
        // masked: (0,0) 1+1, (0,2) 1+1, (1,2) 9+1 → 14 over 3 tokens × 2 values
        assertEquals(14.0 / 6, loss.forward(pred, target, MASK), 1e-12);
        assertEquals(0, loss.gradient().getDouble(0, 1, 0), 0);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray pred = Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.0, 2, 3, 4);
        INDArray target = Init.normal(DataType.DOUBLE, new SplittableRandom(2), 1.0, 2, 3, 4);
        MaskedMeanSquaredError loss = new MaskedMeanSquaredError();
        loss.forward(pred, target, MASK);
        INDArray analytic = loss.gradient().dup();
        double h = 1e-6;
        for (long i = 0; i < pred.length(); i++) {
            INDArray flat = pred.reshape(pred.length());
            double original = flat.getDouble(i);
            flat.putScalar(i, original + h);
            double plus = loss.forward(pred, target, MASK);
            flat.putScalar(i, original - h);
            double minus = loss.forward(pred, target, MASK);
            flat.putScalar(i, original);
            assertEquals((plus - minus) / (2 * h), analytic.reshape(pred.length()).getDouble(i), 1e-7, "entry " + i);
        }
    }
}
