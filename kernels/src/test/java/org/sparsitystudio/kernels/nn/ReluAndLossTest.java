package org.sparsitystudio.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReluAndLossTest {

    @Test
    void reluGradientMatchesFiniteDifferences() {
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(1), 1.0, 6, 5);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(new Relu(), x, true, 2);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void crossEntropyMatchesDefinitionAndItsGradient() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {0, 0, 0}});
        int[] labels = {2, 0};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        double value = loss.forward(logits, labels);
        double row0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = Math.log(3);
        assertEquals((row0 + row1) / 2, value, 1e-12);
        assertEquals(2, loss.correct(), "ties count for the first index, as argmax does");
        INDArray grad = loss.gradient().dup();
        double h = 1e-6;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                INDArray plus = logits.dup();
                plus.putScalar(r, c, logits.getDouble(r, c) + h);
                INDArray minus = logits.dup();
                minus.putScalar(r, c, logits.getDouble(r, c) - h);
                double numeric = (loss.forward(plus, labels) - loss.forward(minus, labels)) / (2 * h);
                assertEquals(numeric, grad.getDouble(r, c), 1e-8);
            }
        }
    }

    @Test
    void mlpGradientMatchesFiniteDifferencesEndToEnd() {
        Sequential mlp = Mlp.of(6, new int[] {5, 4}, 3, DataType.DOUBLE, 7);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                mlp.parameters().stream().map(Parameter::name).toList());
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(3), 1.0, 4, 6);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(mlp, x, true, 5);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }
}
