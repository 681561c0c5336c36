package org.sparsitystudio.kernels.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparsitystudio.kernels.nn.Init;

class SelectiveScanTest {

    /** The six scan inputs in a fixed order: u, delta, A, B, C, D. */
    private record Inputs(INDArray u, INDArray delta, INDArray a, INDArray b, INDArray c, INDArray d) {

        List<INDArray> all() {
            return List.of(u, delta, a, b, c, d);
        }

        Inputs cast(DataType type) {
            return new Inputs(u.castTo(type), delta.castTo(type), a.castTo(type), b.castTo(type), c.castTo(type),
                    d.castTo(type));
        }

        INDArray run(SelectiveScan scan, boolean keep) {
            return scan.forward(u, delta, a, b, c, d, keep);
        }
    }

    private static final String[] NAMES = {"u", "delta", "A", "B", "C", "D"};

    /** Inputs as in mamba_ssm's tests: N(0, 1) data, Δ = softplus(U(0, 0.5)), A near −(n + 1). */
    private static Inputs random(long seed, int batch, int length, int channels, int states) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray u = Init.normal(DataType.DOUBLE, rng, 1.0, batch, length, channels);
        INDArray raw = Init.uniform(DataType.DOUBLE, rng, 0.25, batch, length, channels).addi(0.25);
        INDArray delta = softplus(raw);
        INDArray a = Init.uniform(DataType.DOUBLE, rng, 0.2, channels, states);
        for (int n = 0; n < states; n++) {
            a.getColumn(n).subi(n + 1);
        }
        INDArray b = Init.normal(DataType.DOUBLE, rng, 1.0, batch, length, states);
        INDArray c = Init.normal(DataType.DOUBLE, rng, 1.0, batch, length, states);
        INDArray d = Init.normal(DataType.DOUBLE, rng, 1.0, channels);
        return new Inputs(u, delta, a, b, c, d);
    }

    private static INDArray softplus(INDArray x) {
        double[] v = x.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.log1p(Math.exp(v[i]));
        }
        return Nd4j.create(v, x.shape(), DataType.DOUBLE);
    }

    /** max |actual − expected| / max |expected|: relative to the tensor's scale. */
    private static double relativeError(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = e.amaxNumber().doubleValue();
        return a.sub(e).amaxNumber().doubleValue() / (scale == 0 ? 1 : scale);
    }

    private static List<INDArray> gradients(SelectiveScan.Gradients g) {
        return List.of(g.u(), g.delta(), g.a(), g.b(), g.c(), g.d());
    }

    private static void assertFastMatchesReference(Inputs in, SelectiveScan fast, double tolerance, long seed) {
        DataType type = in.u().dataType();
        SelectiveScan reference = SelectiveScan.reference();
        INDArray expected = in.run(reference, true);
        INDArray actual = in.run(fast, true);
        assertEquals(type, actual.dataType());
        assertArrayEquals(in.u().shape(), actual.shape());
        assertTrue(relativeError(actual, expected) <= tolerance, () -> "y: " + relativeError(actual, expected));
        INDArray gy = Init.normal(type, new SplittableRandom(seed), 1.0, in.u().shape());
        List<INDArray> ref = gradients(reference.backward(gy));
        List<INDArray> got = gradients(fast.backward(gy));
        for (int i = 0; i < NAMES.length; i++) {
            assertArrayEquals(in.all().get(i).shape(), got.get(i).shape(), NAMES[i]);
            assertEquals(type, got.get(i).dataType(), NAMES[i]);
            double err = relativeError(got.get(i), ref.get(i));
            String name = NAMES[i];
            assertTrue(err <= tolerance, () -> "d" + name + ": " + err);
        }
    }

    @Test
    void fastMatchesReferenceInDouble() {
        Inputs in = random(1, 2, 16, 8, 4);
        assertFastMatchesReference(in, SelectiveScan.fast(), 1e-12, 2);
        assertFastMatchesReference(in, SelectiveScan.fast(3), 1e-12, 3);
    }

    @Test
    void fastMatchesReferenceInFloat() {
        Inputs in = random(4, 2, 16, 8, 4).cast(DataType.FLOAT);
        assertFastMatchesReference(in, SelectiveScan.fast(), 1e-5, 5);
        assertFastMatchesReference(in, SelectiveScan.fast(2), 1e-5, 6);
    }

    @Test
    void fastMatchesReferenceAtThePeerBenchmarkShape() {
        Inputs in = random(7, 8, 256, 128, 16).cast(DataType.FLOAT);
        INDArray expected = in.run(SelectiveScan.reference(), false);
        for (SelectiveScan fast : List.of(SelectiveScan.fast(), SelectiveScan.fast(2))) {
            INDArray actual = in.run(fast, false);
            assertTrue(relativeError(actual, expected) <= 1e-5, () -> "y: " + relativeError(actual, expected));
        }
    }

    @Test
    void reusedScanGivesFreshResultsWhenShapesChange() {
        SelectiveScan fast = SelectiveScan.fast(2);
        Inputs small = random(8, 1, 3, 2, 2);
        Inputs large = random(9, 3, 5, 4, 3);
        assertFastMatchesReference(large, fast, 1e-12, 10);
        assertFastMatchesReference(small, fast, 1e-12, 11);
        assertFastMatchesReference(large, fast, 1e-12, 12);
    }

    /**
     * One channel, one state, two steps: A = −ln 2, Δ = (1, 2), u = (1, −1), B = (2, 3),
     * C = (0.5, 1), D = 0.25, dL/dy = (1, 2). On paper:
     * h₁ = 0·½ + 1·2·1 = 2, y₁ = 0.5·2 + 0.25·1 = 1.25;
     * h₂ = 2·¼ + 2·3·(−1) = −5.5, y₂ = −5.5 − 0.25 = −5.75.
     * Backward: ∂L/∂h₂ = 2·1 = 2, ∂L/∂h₁ = 1·0.5 + ¼·2 = 1;
     * dC = (1·2, 2·(−5.5)) = (2, −11); dD = 1·1 + 2·(−1) = −1;
     * dB = (1·1·1, 2·2·(−1)) = (1, −4); du = (0.25 + 1·1·2, 0.5 + 2·2·3) = (2.25, 12.5);
     * dΔ = (1·(0 + 2·1), 2·(−ln2·¼·2 + 3·(−1))) = (2, −6 − ln 2); dA = 2·2·¼·2 + 0 = 2.
     */
    @Test
    void tinyCaseMatchesHandComputation() {
        double ln2 = Math.log(2);
        Inputs in = new Inputs(
                Nd4j.createFromArray(1.0, -1.0).reshape(1, 2, 1),
                Nd4j.createFromArray(1.0, 2.0).reshape(1, 2, 1),
                Nd4j.createFromArray(-ln2).reshape(1, 1),
                Nd4j.createFromArray(2.0, 3.0).reshape(1, 2, 1),
                Nd4j.createFromArray(0.5, 1.0).reshape(1, 2, 1),
                Nd4j.createFromArray(0.25));
        INDArray gy = Nd4j.createFromArray(1.0, 2.0).reshape(1, 2, 1);
        for (SelectiveScan scan : List.of(SelectiveScan.reference(), SelectiveScan.fast(), SelectiveScan.fast(2))) {
            INDArray y = in.run(scan, true);
            assertArrayEquals(new double[] {1.25, -5.75}, y.reshape(2).toDoubleVector(), 1e-14);
            SelectiveScan.Gradients g = scan.backward(gy);
            assertArrayEquals(new double[] {2.25, 12.5}, g.u().reshape(2).toDoubleVector(), 1e-14);
            assertArrayEquals(new double[] {2, -6 - ln2}, g.delta().reshape(2).toDoubleVector(), 1e-14);
            assertEquals(2.0, g.a().getDouble(0, 0), 1e-14);
            assertArrayEquals(new double[] {1, -4}, g.b().reshape(2).toDoubleVector(), 1e-14);
            assertArrayEquals(new double[] {2, -11}, g.c().reshape(2).toDoubleVector(), 1e-14);
            assertEquals(-1.0, g.d().getDouble(0), 1e-14);
        }
    }

    @Test
    void outputsUpToTIgnoreInputsAfterT() {
        int t0 = 6;
        Inputs in = random(13, 2, 16, 8, 4);
        Inputs later = new Inputs(in.u().dup(), in.delta().dup(), in.a(), in.b().dup(), in.c().dup(), in.d());
        INDArray noise = Init.normal(DataType.DOUBLE, new SplittableRandom(14), 1.0, 2, 16 - t0 - 1, 8);
        INDArray noiseN = Init.normal(DataType.DOUBLE, new SplittableRandom(15), 1.0, 2, 16 - t0 - 1, 4);
        org.nd4j.linalg.indexing.INDArrayIndex after = NDArrayIndex.interval(t0 + 1, 16);
        later.u().get(NDArrayIndex.all(), after, NDArrayIndex.all()).addi(noise);
        later.delta().get(NDArrayIndex.all(), after, NDArrayIndex.all()).addi(noise.mul(0.1)).muli(1.5);
        later.b().get(NDArrayIndex.all(), after, NDArrayIndex.all()).addi(noiseN);
        later.c().get(NDArrayIndex.all(), after, NDArrayIndex.all()).subi(noiseN);
        for (SelectiveScan scan : List.of(SelectiveScan.reference(), SelectiveScan.fast(), SelectiveScan.fast(2))) {
            INDArray y = in.run(scan, false).dup();
            INDArray y2 = in.run(scan, false).dup();
            INDArray yLater = later.run(scan, false).dup();
            assertEquals(y, y2);
            org.nd4j.linalg.indexing.INDArrayIndex upTo = NDArrayIndex.interval(0, t0 + 1);
            assertEquals(y.get(NDArrayIndex.all(), upTo, NDArrayIndex.all()),
                    yLater.get(NDArrayIndex.all(), upTo, NDArrayIndex.all()));
            assertTrue(y.get(NDArrayIndex.all(), after, NDArrayIndex.all())
                    .sub(yLater.get(NDArrayIndex.all(), after, NDArrayIndex.all())).amaxNumber().doubleValue() > 1e-3,
                    "the perturbation must reach later outputs");
        }
    }

    @Test
    void referenceGradientsMatchFiniteDifferences() {
        List<String> bad = finiteDifferenceMismatches(SelectiveScan.reference(), random(16, 2, 5, 3, 2), 17);
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    @Test
    void fastGradientsMatchFiniteDifferences() {
        List<String> bad = finiteDifferenceMismatches(SelectiveScan.fast(), random(18, 2, 5, 3, 2), 19);
        bad.addAll(finiteDifferenceMismatches(SelectiveScan.fast(2), random(20, 3, 4, 5, 3), 21));
        assertTrue(bad.isEmpty(), () -> "mismatches: " + bad);
    }

    /**
     * With a fixed random G and L = Σ G ⊙ y, compares every entry of every input's gradient with
     * the central difference (L(x + h) − L(x − h)) / 2h.
     */
    private static List<String> finiteDifferenceMismatches(SelectiveScan scan, Inputs in, long seed) {
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(seed), 1.0, in.u().shape());
        in.run(scan, true);
        List<INDArray> analytic = new ArrayList<>();
        for (INDArray grad : gradients(scan.backward(g))) {
            analytic.add(grad.dup());
        }
        double step = 1e-6;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            INDArray flat = in.all().get(i).reshape(in.all().get(i).length());
            INDArray grad = analytic.get(i).reshape(flat.length());
            for (long k = 0; k < flat.length(); k++) {
                double original = flat.getDouble(k);
                flat.putScalar(k, original + step);
                double plus = in.run(scan, false).mul(g).sumNumber().doubleValue();
                flat.putScalar(k, original - step);
                double minus = in.run(scan, false).mul(g).sumNumber().doubleValue();
                flat.putScalar(k, original);
                double numeric = (plus - minus) / (2 * step);
                double a = grad.getDouble(k);
                double diff = Math.abs(a - numeric);
                if (diff > 1e-8 && diff > 1e-6 * Math.max(Math.abs(a), Math.abs(numeric))) {
                    mismatches.add("d" + NAMES[i] + "[" + k + "]: analytic " + a + ", numeric " + numeric);
                }
            }
        }
        return mismatches;
    }
}
