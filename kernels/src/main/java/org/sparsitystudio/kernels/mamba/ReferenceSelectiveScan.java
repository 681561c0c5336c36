package org.sparsitystudio.kernels.mamba;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The definition written out as nested loops over multi-dimensional double arrays, one time step
 * after the other, with every hidden state kept. It is deliberately naive: its only job is to be
 * obviously right, so the fast scan and the layers can be tested against it. Inputs are read as
 * doubles whatever their type; results are cast back to the type of {@code u}.
 */
final class ReferenceSelectiveScan implements SelectiveScan {

    private DataType type;
    private int nb;
    private int nl;
    private int ne;
    private int nn;
    private double[][][] u;
    private double[][][] delta;
    private double[][] a;
    private double[][][] b;
    private double[][][] c;
    private double[] d;
    /** h[b][t][e][n] after step t. */
    private double[][][][] h;

    @Override
    public INDArray forward(INDArray uIn, INDArray deltaIn, INDArray aIn, INDArray bIn, INDArray cIn, INDArray dIn,
            boolean keepForBackward) {
        ScanShapes s = ScanShapes.of(uIn, deltaIn, aIn, bIn, cIn, dIn);
        type = uIn.dataType();
        nb = s.batch();
        nl = s.length();
        ne = s.channels();
        nn = s.states();
        u = to3(uIn);
        delta = to3(deltaIn);
        a = aIn.castTo(DataType.DOUBLE).toDoubleMatrix();
        b = to3(bIn);
        c = to3(cIn);
        d = dIn.castTo(DataType.DOUBLE).toDoubleVector();
        h = new double[nb][nl][ne][nn];
        double[][][] y = new double[nb][nl][ne];
        for (int bi = 0; bi < nb; bi++) {
            for (int t = 0; t < nl; t++) {
                for (int e = 0; e < ne; e++) {
                    double sum = 0;
                    for (int n = 0; n < nn; n++) {
                        double previous = t == 0 ? 0.0 : h[bi][t - 1][e][n];
                        h[bi][t][e][n] = Math.exp(delta[bi][t][e] * a[e][n]) * previous
                                + delta[bi][t][e] * b[bi][t][n] * u[bi][t][e];
                        sum += c[bi][t][n] * h[bi][t][e][n];
                    }
                    y[bi][t][e] = sum + d[e] * u[bi][t][e];
                }
            }
        }
        return Nd4j.createFromArray(y).castTo(type);
    }

    @Override
    public Gradients backward(INDArray gradYIn) {
        if (h == null) {
            throw new IllegalStateException("backward before forward");
        }
        double[][][] gy = to3(gradYIn);
        double[][][] gu = new double[nb][nl][ne];
        double[][][] gDelta = new double[nb][nl][ne];
        double[][] gA = new double[ne][nn];
        double[][][] gB = new double[nb][nl][nn];
        double[][][] gC = new double[nb][nl][nn];
        double[] gD = new double[ne];
        for (int bi = 0; bi < nb; bi++) {
            for (int e = 0; e < ne; e++) {
                for (int n = 0; n < nn; n++) {
                    // gh = dL/dh_t, accumulated backwards in time
                    double gh = 0;
                    for (int t = nl - 1; t >= 0; t--) {
                        gh += gy[bi][t][e] * c[bi][t][n];
                        double decay = Math.exp(delta[bi][t][e] * a[e][n]);
                        double previous = t == 0 ? 0.0 : h[bi][t - 1][e][n];
                        gC[bi][t][n] += gy[bi][t][e] * h[bi][t][e][n];
                        gDelta[bi][t][e] += gh * (a[e][n] * decay * previous + b[bi][t][n] * u[bi][t][e]);
                        gA[e][n] += gh * delta[bi][t][e] * decay * previous;
                        gB[bi][t][n] += gh * delta[bi][t][e] * u[bi][t][e];
                        gu[bi][t][e] += gh * delta[bi][t][e] * b[bi][t][n];
                        gh *= decay;
                    }
                }
                for (int t = 0; t < nl; t++) {
                    gu[bi][t][e] += gy[bi][t][e] * d[e];
                    gD[e] += gy[bi][t][e] * u[bi][t][e];
                }
            }
        }
        return new Gradients(Nd4j.createFromArray(gu).castTo(type), Nd4j.createFromArray(gDelta).castTo(type),
                Nd4j.createFromArray(gA).castTo(type), Nd4j.createFromArray(gB).castTo(type), Nd4j.createFromArray(gC).castTo(type),
                Nd4j.createFromArray(gD).castTo(type));
    }

    private static double[][][] to3(INDArray x) {
        double[] flat = Flat.doubles(x);
        int n0 = (int) x.size(0);
        int n1 = (int) x.size(1);
        int n2 = (int) x.size(2);
        double[][][] out = new double[n0][n1][n2];
        for (int i = 0; i < n0; i++) {
            for (int j = 0; j < n1; j++) {
                System.arraycopy(flat, (i * n1 + j) * n2, out[i][j], 0, n2);
            }
        }
        return out;
    }
}
