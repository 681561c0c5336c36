package org.sparsitystudio.kernels.monarch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.count.ModelCost;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Relu;
import org.sparsitystudio.kernels.nn.Sequential;

class MonarchLinearTest {

    private static INDArray input(long seed, long... shape) {
        return Init.normal(DataType.DOUBLE, new SplittableRandom(seed), 1.0, shape);
    }

    private static double maxAbs(INDArray a) {
        return a.amaxNumber().doubleValue();
    }

    @ParameterizedTest(name = "in={0} out={1} b={2}")
    @CsvSource({
        "16, 16, 4", // b = m = √n
        "64, 64, 8",
        "32, 32, 2", // b ≠ m
        "32, 32, 8",
        "20, 12, 4", // in ≠ out, both multiples of b
        "12, 30, 4", // out not a multiple of b
        "10, 7, 3", // neither a multiple of b
        "7, 10, 3",
        "5, 6, 8", // more blocks than features: all padding
    })
    void forwardEqualsDenseMatrixInDouble(int in, int out, int blocks) {
        MonarchLinear layer = new MonarchLinear(in, out, blocks, true, DataType.DOUBLE, new SplittableRandom(in * 31L + out));
        INDArray x = input(7, 5, in);
        INDArray expected = x.mmul(layer.toDense().transpose()).addRowVector(layer.bias().value());
        INDArray y = layer.forward(x, false);
        assertArrayEquals(new long[] {5, out}, y.shape());
        assertTrue(maxAbs(y.sub(expected)) < 1e-10, () -> "max difference " + maxAbs(y.sub(expected)));
    }

    @ParameterizedTest(name = "in={0} out={1} b={2}")
    @CsvSource({"16, 16, 4", "64, 64, 8", "32, 32, 2", "10, 7, 3", "12, 30, 4"})
    void forwardEqualsDenseMatrixInFloat(int in, int out, int blocks) {
        MonarchLinear layer = new MonarchLinear(in, out, blocks, false, DataType.FLOAT, new SplittableRandom(3));
        INDArray x = input(8, 6, in).castTo(DataType.FLOAT);
        INDArray expected = x.castTo(DataType.DOUBLE).mmul(layer.toDense().castTo(DataType.DOUBLE).transpose());
        INDArray y = layer.forward(x, false);
        assertEquals(DataType.FLOAT, y.dataType());
        double relative = maxAbs(y.castTo(DataType.DOUBLE).sub(expected)) / maxAbs(expected);
        assertTrue(relative < 1e-5, () -> "relative difference " + relative);
    }

    @Test
    void denseMatrixFollowsIndexForm() {
        int b = 2;
        int m = 3;
        MonarchLinear layer = new MonarchLinear(b * m, b * m, b, false, DataType.DOUBLE, new SplittableRandom(4));
        INDArray r = layer.blkdiag1().value(); // R_i[l, j] = r[i, l, j]
        INDArray l = layer.blkdiag2().value(); // L_l[k, i] = l[l, k, i]
        INDArray dense = layer.toDense();
        for (int k = 0; k < b; k++) {
            for (int ll = 0; ll < m; ll++) {
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < m; j++) {
                        assertEquals(l.getDouble(ll, k, i) * r.getDouble(i, ll, j), dense.getDouble(k * m + ll, i * m + j),
                                0.0);
                    }
                }
            }
        }
    }

    @Test
    void denseMatrixOfRectangularCaseIsTheTruncatedPaddedIndexForm() {
        // in = 7, out = 5, b = 3: mIn = 3, mOut = 2, padded 9 → 6
        MonarchLinear layer = new MonarchLinear(7, 5, 3, false, DataType.DOUBLE, new SplittableRandom(5));
        assertArrayEquals(new long[] {3, 2, 3}, layer.blkdiag1().value().shape());
        assertArrayEquals(new long[] {2, 3, 3}, layer.blkdiag2().value().shape());
        INDArray r = layer.blkdiag1().value();
        INDArray l = layer.blkdiag2().value();
        INDArray dense = layer.toDense();
        assertArrayEquals(new long[] {5, 7}, dense.shape());
        for (int row = 0; row < 5; row++) {
            for (int col = 0; col < 7; col++) {
                int k = row / 2;
                int ll = row % 2;
                int i = col / 3;
                int j = col % 3;
                assertEquals(l.getDouble(ll, k, i) * r.getDouble(i, ll, j), dense.getDouble(row, col), 0.0);
            }
        }
    }

    @ParameterizedTest(name = "in={0} out={1} b={2}")
    @CsvSource({"16, 16, 4", "32, 32, 2", "12, 8, 4", "7, 10, 3", "10, 7, 3"})
    void gradientsMatchFiniteDifferences(int in, int out, int blocks) {
        MonarchLinear layer = new MonarchLinear(in, out, blocks, true, DataType.DOUBLE, new SplittableRandom(9));
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, input(10, 4, in), true, 11);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void rank3InputActsOnEveryTokenAndHasCorrectGradients() {
        MonarchLinear layer = new MonarchLinear(10, 7, 3, true, DataType.DOUBLE, new SplittableRandom(21));
        INDArray x = input(22, 2, 3, 10);
        INDArray y = layer.forward(x, false).dup();
        assertArrayEquals(new long[] {2, 3, 7}, y.shape());
        INDArray rows = layer.forward(x.reshape(6, 10), false);
        assertTrue(maxAbs(y.reshape(6, 7).sub(rows)) < 1e-12);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(layer, x, true, 23);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void backwardOverwritesGradientsAndCanSkipInputGradient() {
        MonarchLinear layer = new MonarchLinear(12, 12, 3, true, DataType.DOUBLE, new SplittableRandom(30));
        INDArray x = input(31, 4, 12);
        INDArray g = input(32, 4, 12);
        layer.forward(x, true);
        INDArray dx = layer.backward(g).dup();
        INDArray d1 = layer.blkdiag1().grad().dup();
        INDArray d2 = layer.blkdiag2().grad().dup();
        INDArray db = layer.bias().grad().dup();
        layer.setInputGradientRequired(false);
        layer.forward(x, true);
        assertNull(layer.backward(g));
        assertEquals(d1, layer.blkdiag1().grad(), "no accumulation across calls");
        assertEquals(d2, layer.blkdiag2().grad());
        assertEquals(db, layer.bias().grad());
        // dense reference: dx = g M, dM = gᵀ x, db = Σ g
        assertTrue(maxAbs(dx.sub(g.mmul(layer.toDense()))) < 1e-12);
        assertTrue(maxAbs(db.sub(g.sum(0))) < 1e-12);
    }

    @Test
    void factorsRoundTripAndShapesAreChecked() {
        MonarchLinear a = new MonarchLinear(16, 16, 4, false, DataType.DOUBLE, new SplittableRandom(40));
        MonarchLinear b = new MonarchLinear(16, 16, 4, false, DataType.DOUBLE, new SplittableRandom(41));
        b.setFactors(a.factors());
        assertEquals(a.toDense(), b.toDense());
        MonarchLinear other = new MonarchLinear(16, 16, 2, false, DataType.DOUBLE, new SplittableRandom(42));
        assertThrows(IllegalArgumentException.class, () -> other.setFactors(a.factors()));
        assertThrows(IllegalArgumentException.class, () -> new MonarchFactors(16, 16, 4,
                Nd4j.zeros(DataType.DOUBLE, 4, 4, 3), Nd4j.zeros(DataType.DOUBLE, 4, 4, 4)));
        assertThrows(IllegalArgumentException.class, () -> new MonarchLinear(0, 4, 2, false, DataType.DOUBLE,
                new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> a.forward(input(1, 2, 15), false));
    }

    @Test
    void initialisationFollowsPyTorchBoundsPerBlock() {
        MonarchLinear layer = new MonarchLinear(400, 400, 4, true, DataType.DOUBLE, new SplittableRandom(5));
        double rBound = 1 / Math.sqrt(100);
        double lBound = 1 / Math.sqrt(4);
        double r = maxAbs(layer.blkdiag1().value());
        double l = maxAbs(layer.blkdiag2().value());
        assertTrue(r <= rBound && r > 0.95 * rBound, () -> "R max " + r);
        assertTrue(l <= lBound && l > 0.95 * lBound, () -> "L max " + l);
        assertTrue(maxAbs(layer.bias().value()) <= 1 / Math.sqrt(400));
    }

    @Test
    void parameterCountIsNTimesBPlusMForSquares() {
        assertEquals(1024L * (32 + 32), MonarchLinear.parameterCount(1024, 1024, 32));
        assertEquals(64L * (4 + 16), MonarchLinear.parameterCount(64, 64, 4));
        assertEquals(64L * (16 + 4), MonarchLinear.parameterCount(64, 64, 16));
        // rectangular: b·mOut·mIn + mOut·b² with mIn = 4, mOut = 3
        assertEquals(3L * 3 * 4 + 3 * 9, MonarchLinear.parameterCount(10, 7, 3));
        MonarchLinear layer = new MonarchLinear(10, 7, 3, false, DataType.DOUBLE, new SplittableRandom(1));
        assertEquals(MonarchLinear.parameterCount(10, 7, 3),
                layer.parameters().stream().mapToLong(p -> p.size()).sum());
        assertEquals(layer.factors().parameterCount(), MonarchLinear.parameterCount(10, 7, 3));
    }

    @Test
    void flopCounterSeesMonarchLayers() {
        MonarchLinear monarch = new MonarchLinear(64, 64, 8, true, DataType.DOUBLE, new SplittableRandom(50));
        MonarchLinear noBias = new MonarchLinear(64, 30, 4, false, DataType.DOUBLE, new SplittableRandom(51));
        Linear head = new Linear(30, 10, true, DataType.DOUBLE, new SplittableRandom(52));
        Sequential model = new Sequential(monarch, new Relu(), noBias, head);
        ModelCost cost = FlopCounter.count(model, input(53, 5, 64));

        long monarchParams = 64L * (8 + 8); // 1024
        long noBiasParams = MonarchLinear.parameterCount(64, 30, 4); // 4·8·16 + 8·16 = 640
        assertEquals(1024, monarchParams);
        assertEquals(640, noBiasParams);
        assertEquals(monarchParams + 64 + noBiasParams + 310, cost.parameters());
        assertEquals(List.of("0", "2", "3"), cost.layers().stream().map(c -> c.name()).toList());
        assertEquals("MonarchLinear", cost.layers().get(0).kind());
        assertEquals(2.0 * monarchParams + 64, cost.layers().get(0).forwardFlops(), 0.0);
        assertEquals(2.0 * noBiasParams, cost.layers().get(1).forwardFlops(), 0.0);
        assertEquals(2.0 * monarchParams + 64 + 2.0 * noBiasParams + 2.0 * 300 + 10, cost.forwardFlops(), 0.0);
        assertEquals(cost.forwardFlops(), cost.effectiveForwardFlops(), 0.0);
        assertEquals(5 * MonarchLinear.forwardFlopsPerRow(64, 64, 8, true), monarch.lastForwardFlops());
    }
}
