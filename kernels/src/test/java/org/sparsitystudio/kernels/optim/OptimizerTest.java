package org.sparsitystudio.kernels.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.nn.Parameter;

/** Optimizer updates checked against PyTorch's update rules computed by hand, step by step. */
class OptimizerTest {

    private static final double[] W0 = {0.5, -1.0, 2.0};
    private static final double[][] GRADS = {{0.1, -0.2, 0.3}, {-0.4, 0.0, 0.25}, {0.05, 0.5, -1.0}};

    private static Parameter param(DataType type, boolean decayed) {
        return new Parameter("w", Nd4j.createFromArray(W0).castTo(type), decayed, true);
    }

    private static void setGrad(Parameter p, double[] g) {
        p.grad().assign(Nd4j.createFromArray(g).castTo(p.value().dataType()));
    }

    private static double[] adamReference(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i];
                if (decoupled) {
                    w[i] *= 1 - lr * wd;
                } else {
                    g += wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    private static void run(Optimizer opt, Parameter p, double lr) {
        for (double[] g : GRADS) {
            setGrad(p, g);
            opt.step(lr);
        }
    }

    private static void assertValues(double[] expected, INDArray actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.getDouble(i), tol, "entry " + i);
        }
    }

    @Test
    void adamMatchesDefinitionInDoubleAndFloat() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Parameter p = param(type, true);
            Adam adam = Adam.adam(List.of(p), 0.9, 0.999, 1e-8, 0.01);
            run(adam, p, 0.1);
            assertValues(adamReference(0.1, 0.9, 0.999, 1e-8, 0.01, false), p.value(),
                    type == DataType.DOUBLE ? 1e-12 : 1e-5);
            assertEquals(3, adam.steps());
        }
    }

    @Test
    void adamWDecaysDecoupledAndOnlyDecayedParameters() {
        Parameter w = param(DataType.DOUBLE, true);
        Parameter b = param(DataType.DOUBLE, false);
        Adam adamW = Adam.adamW(List.of(w, b), 0.9, 0.999, 1e-8, 0.05);
        for (double[] g : GRADS) {
            setGrad(w, g);
            setGrad(b, g);
            adamW.step(0.1);
        }
        assertValues(adamReference(0.1, 0.9, 0.999, 1e-8, 0.05, true), w.value(), 1e-12);
        assertValues(adamReference(0.1, 0.9, 0.999, 1e-8, 0.0, true), b.value(), 1e-12);
    }

    @Test
    void sgdWithMomentumAndNesterovMatchesPyTorchRule() {
        for (boolean nesterov : new boolean[] {false, true}) {
            Parameter p = param(DataType.DOUBLE, true);
            Sgd sgd = new Sgd(List.of(p), 0.9, nesterov, 0.01);
            run(sgd, p, 0.1);
            double[] w = W0.clone();
            double[] buf = new double[3];
            for (int t = 0; t < GRADS.length; t++) {
                for (int i = 0; i < 3; i++) {
                    double g = GRADS[t][i] + 0.01 * w[i];
                    buf[i] = t == 0 ? g : 0.9 * buf[i] + g;
                    w[i] -= 0.1 * (nesterov ? g + 0.9 * buf[i] : buf[i]);
                }
            }
            assertValues(w, p.value(), 1e-12);
        }
    }

    @Test
    void plainSgdIsGradientDescent() {
        Parameter p = param(DataType.DOUBLE, true);
        run(new Sgd(List.of(p), 0, false, 0), p, 0.5);
        double[] w = W0.clone();
        for (double[] g : GRADS) {
            for (int i = 0; i < 3; i++) {
                w[i] -= 0.5 * g[i];
            }
        }
        assertValues(w, p.value(), 1e-12);
    }

    @Test
    void maskedEntriesStayZeroThroughUpdates() {
        Parameter p = param(DataType.FLOAT, true);
        INDArray mask = Nd4j.createFromArray(1f, 0f, 1f);
        p.value().muli(mask);
        p.keepZeroWhere(mask);
        Adam adam = Adam.adamW(List.of(p), 0.9, 0.999, 1e-8, 0.1);
        run(adam, p, 0.1);
        assertEquals(0.0, Math.abs(p.value().getDouble(1)), "masked weight is exactly zero (either sign)");
    }

    @Test
    void parallelUpdateEqualsSerialUpdateBitForBit() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        INDArray start = org.sparsitystudio.kernels.nn.Init.normal(DataType.FLOAT, rng, 1.0, 300, 200);
        INDArray grad = org.sparsitystudio.kernels.nn.Init.normal(DataType.FLOAT, rng, 1.0, 300, 200);
        Parameter serial = new Parameter("w", start.dup(), true, true);
        Parameter parallel = new Parameter("w", start.dup(), true, true);
        Adam one = Adam.adamW(List.of(serial), 0.9, 0.999, 1e-8, 0.01);
        Adam two = Adam.adamW(List.of(parallel), 0.9, 0.999, 1e-8, 0.01).parallelism(2);
        for (int step = 0; step < 20; step++) {
            serial.grad().assign(grad.mul(step % 3 - 1));
            parallel.grad().assign(grad.mul(step % 3 - 1));
            one.step(1e-3);
            two.step(1e-3);
        }
        assertEquals(serial.value(), parallel.value());
        assertThrows(IllegalStateException.class, () -> two.parallelism(1));
    }

    @Test
    void rejectsInvalidHyperparameters() {
        Parameter p = param(DataType.DOUBLE, true);
        assertThrows(IllegalArgumentException.class, () -> Adam.adam(List.of(p), 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0, true, 0));
    }
}
