package org.sparsitystudio.kernels.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sparsitystudio.kernels.count.FlopCounter;
import org.sparsitystudio.kernels.count.ModelCost;
import org.sparsitystudio.kernels.nn.GradientCheck;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Parameter;

class MambaMixerTest {

    private static MambaMixer small(long seed, DataType type) {
        return new MambaMixer(4, 3, type, new SplittableRandom(seed), SelectiveScan.fast());
    }

    private static Map<String, Parameter> byName(List<Parameter> parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            map.put(p.name(), p);
        }
        return map;
    }

    @Test
    void parametersHaveMambaSsmNamesAndShapes() {
        MambaMixer mixer = new MambaMixer(40, DataType.DOUBLE, new SplittableRandom(1));
        assertEquals(80, mixer.innerDim());
        assertEquals(3, mixer.dtRank());
        Map<String, Parameter> p = byName(mixer.parameters());
        assertEquals(List.of("in_proj.weight", "conv1d.weight", "conv1d.bias", "x_proj.weight", "dt_proj.weight",
                "dt_proj.bias", "A_log", "D", "out_proj.weight"), List.copyOf(p.keySet()));
        assertArrayEquals(new long[] {160, 40}, p.get("in_proj.weight").value().shape());
        assertArrayEquals(new long[] {80, 1, 4}, p.get("conv1d.weight").value().shape());
        assertArrayEquals(new long[] {80}, p.get("conv1d.bias").value().shape());
        assertArrayEquals(new long[] {3 + 32, 80}, p.get("x_proj.weight").value().shape());
        assertArrayEquals(new long[] {80, 3}, p.get("dt_proj.weight").value().shape());
        assertArrayEquals(new long[] {80}, p.get("dt_proj.bias").value().shape());
        assertArrayEquals(new long[] {80, 16}, p.get("A_log").value().shape());
        assertArrayEquals(new long[] {80}, p.get("D").value().shape());
        assertArrayEquals(new long[] {40, 80}, p.get("out_proj.weight").value().shape());
        assertTrue(p.get("in_proj.weight").prunable() && p.get("out_proj.weight").prunable());
        assertTrue(!p.get("A_log").decayed() && !p.get("D").decayed() && !p.get("A_log").prunable());
    }

    @Test
    void initialisationFollowsMamba() {
        MambaMixer mixer = new MambaMixer(64, DataType.DOUBLE, new SplittableRandom(2));
        INDArray aLog = mixer.aLog().value();
        for (int e = 0; e < 128; e += 31) {
            for (int n = 0; n < 16; n++) {
                assertEquals(Math.log(n + 1), aLog.getDouble(e, n), 1e-15);
            }
        }
        assertEquals(1.0, mixer.d().value().minNumber().doubleValue());
        assertEquals(1.0, mixer.d().value().maxNumber().doubleValue());
        double[] bias = mixer.dtProj().bias().value().toDoubleVector();
        double below = 0;
        for (double b : bias) {
            double dt = Math.log1p(Math.exp(b));
            assertTrue(dt >= 0.001 - 1e-12 && dt <= 0.1 + 1e-12, "softplus(b_dt) = " + dt);
            // log-uniform: half of the mass below the geometric midpoint 0.01
            below += dt < 0.01 ? 1 : 0;
        }
        assertTrue(below > 0.3 * bias.length && below < 0.7 * bias.length, "below 0.01: " + below);
    }

    /** The mixer recomputed from its parameters with whole-array ND4J ops and the reference scan. */
    private static INDArray definition(MambaMixer m, INDArray x) {
        int b = (int) x.size(0);
        int len = (int) x.size(1);
        int d = m.dim();
        int e = m.innerDim();
        int r = m.dtRank();
        int n = m.states();
        INDArray xz = x.reshape(b * len, d).mmul(m.inProj().weight().value().transpose());
        INDArray u = xz.get(NDArrayIndex.all(), NDArrayIndex.interval(0, e)).dup().reshape(b, len, e);
        INDArray z = xz.get(NDArrayIndex.all(), NDArrayIndex.interval(e, 2 * e)).dup();
        INDArray conv = Nd4j.zeros(DataType.DOUBLE, b, len, e);
        INDArray w = m.conv().weight().value();
        for (int bi = 0; bi < b; bi++) {
            for (int t = 0; t < len; t++) {
                for (int c = 0; c < e; c++) {
                    double s = m.conv().bias().value().getDouble(c);
                    for (int j = 0; j < 4; j++) {
                        if (t - 3 + j >= 0) {
                            s += w.getDouble(c, 0, j) * u.getDouble(bi, t - 3 + j, c);
                        }
                    }
                    conv.putScalar(new long[] {bi, t, c}, s);
                }
            }
        }
        INDArray uAct = conv.mul(Transforms.sigmoid(conv));
        INDArray xdbl = uAct.reshape(b * len, e).mmul(m.xProj().weight().value().transpose());
        INDArray dt = xdbl.get(NDArrayIndex.all(), NDArrayIndex.interval(0, r)).dup();
        INDArray bm = xdbl.get(NDArrayIndex.all(), NDArrayIndex.interval(r, r + n)).dup().reshape(b, len, n);
        INDArray cm = xdbl.get(NDArrayIndex.all(), NDArrayIndex.interval(r + n, r + 2 * n)).dup().reshape(b, len, n);
        INDArray pre = dt.mmul(m.dtProj().weight().value().transpose()).addRowVector(m.dtProj().bias().value());
        INDArray delta = Transforms.log(Transforms.exp(pre).add(1.0)).reshape(b, len, e);
        INDArray a = Transforms.exp(m.aLog().value()).neg();
        INDArray y = SelectiveScan.reference().forward(uAct, delta, a, bm, cm, m.d().value(), false);
        INDArray gated = y.reshape(b * len, e).mul(z.mul(Transforms.sigmoid(z)));
        return gated.mmul(m.outProj().weight().value().transpose()).reshape(b, len, d);
    }

    @Test
    void forwardMatchesTheDefinition() {
        MambaMixer mixer = small(3, DataType.DOUBLE);
        mixer.dtProj().bias().value().addi(1.0); // Δ near 1 so that the state actually decays
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(4), 1.0, 2, 7, 4);
        INDArray y = mixer.forward(x, false);
        INDArray expected = definition(mixer, x);
        assertArrayEquals(new long[] {2, 7, 4}, y.shape());
        assertTrue(expected.equalsWithEps(y, 1e-12), () -> "got " + y + " expected " + expected);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MambaMixer mixer = small(5, DataType.DOUBLE);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(6), 1.0, 2, 5, 4);
        List<GradientCheck.Mismatch> bad = GradientCheck.standard().check(mixer, x, true, 7);
        assertTrue(bad.isEmpty(), () -> "mismatches at initialisation: " + bad);
        // away from the initialisation: larger Δ, random D and A
        mixer.dtProj().bias().value().addi(1.0);
        mixer.d().value().assign(Init.normal(DataType.DOUBLE, new SplittableRandom(8), 1.0, 8));
        mixer.aLog().value().addi(Init.uniform(DataType.DOUBLE, new SplittableRandom(9), 0.5, 8, 3));
        List<GradientCheck.Mismatch> bad2 = GradientCheck.standard().check(mixer, x, true, 10);
        assertTrue(bad2.isEmpty(), () -> "mismatches: " + bad2);
    }

    @Test
    void outputsUpToTIgnoreLaterTokens() {
        MambaMixer mixer = small(11, DataType.DOUBLE);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(12), 1.0, 2, 9, 4);
        INDArray y = mixer.forward(x, false).dup();
        INDArray x2 = x.dup();
        x2.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 9), NDArrayIndex.all())
                .addi(Init.normal(DataType.DOUBLE, new SplittableRandom(13), 1.0, 2, 4, 4));
        INDArray y2 = mixer.forward(x2, false);
        assertEquals(y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5), NDArrayIndex.all()),
                y2.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5), NDArrayIndex.all()));
        assertTrue(y.sub(y2).amaxNumber().doubleValue() > 1e-6);
    }

    @Test
    void floatMixerAgreesWithDouble() {
        MambaMixer f = small(14, DataType.FLOAT);
        MambaMixer d = small(14, DataType.DOUBLE);
        for (int i = 0; i < f.parameters().size(); i++) {
            d.parameters().get(i).value().assign(f.parameters().get(i).value().castTo(DataType.DOUBLE));
        }
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(15), 1.0, 2, 6, 4);
        INDArray yf = f.forward(x.castTo(DataType.FLOAT), true);
        INDArray yd = d.forward(x, true);
        assertEquals(DataType.FLOAT, yf.dataType());
        assertTrue(yd.equalsWithEps(yf.castTo(DataType.DOUBLE), 1e-5));
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(16), 1.0, 2, 6, 4);
        INDArray gf = f.backward(g.castTo(DataType.FLOAT));
        INDArray gd = d.backward(g);
        assertEquals(DataType.FLOAT, gf.dataType());
        assertTrue(gd.equalsWithEps(gf.castTo(DataType.DOUBLE), 1e-4));
        for (int i = 0; i < f.parameters().size(); i++) {
            INDArray a = f.parameters().get(i).grad().castTo(DataType.DOUBLE);
            INDArray b = d.parameters().get(i).grad();
            String name = f.parameters().get(i).name();
            assertTrue(b.equalsWithEps(a, 1e-4), () -> name + ": " + a + " vs " + b);
        }
    }

    @Test
    void skippingTheInputGradientKeepsParameterGradients() {
        MambaMixer mixer = small(17, DataType.DOUBLE);
        INDArray x = Init.normal(DataType.DOUBLE, new SplittableRandom(18), 1.0, 1, 4, 4);
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(19), 1.0, 1, 4, 4);
        mixer.forward(x, true);
        mixer.backward(g);
        List<INDArray> full = mixer.parameters().stream().map(p -> p.grad().dup()).toList();
        mixer.setInputGradientRequired(false);
        mixer.forward(x, true);
        assertNull(mixer.backward(g));
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.get(i), mixer.parameters().get(i).grad(), mixer.parameters().get(i).name());
        }
    }

    @Test
    void flopsCountProjectionsConvolutionAndScan() {
        int d = 8;
        int b = 2;
        int len = 5;
        MambaMixer mixer = new MambaMixer(d, DataType.FLOAT, new SplittableRandom(20));
        int e = 16;
        int n = 16;
        int r = 1;
        ModelCost cost = FlopCounter.count(mixer, Nd4j.zeros(DataType.FLOAT, b, len, d));
        assertEquals((long) b * len * e * (7 * n + 4), mixer.lastForwardFlops());
        double perToken = 2.0 * d * 2 * e // in_proj
                + e * 9.0 // conv
                + 2.0 * e * (r + 2 * n) // x_proj
                + 2.0 * r * e + e // dt_proj with bias
                + e * (7.0 * n + 4) // scan and gate
                + 2.0 * e * d; // out_proj
        assertEquals(len * perToken, cost.forwardFlops(), 1e-6);
        long params = 2L * e * d + e * 4 + e + (long) (r + 2 * n) * e + (long) r * e + e + (long) e * n + e
                + (long) d * e;
        assertEquals(params, cost.parameters());
    }
}
