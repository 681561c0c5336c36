package org.sparsitystudio.kernels.monarch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The closest Monarch matrix to a dense one in Frobenius norm, in closed form, so that a trained
 * dense layer can be turned into a Monarch layer (and the distance measured) without training.
 *
 * <p>Why it is exact: by the index form {@code M[k·mOut + l, i·mIn + j] = L_l[k, i] · R_i[l, j]}
 * the entries of M fall into disjoint slices {@code S_il[k, j] = A[k·mOut + l, i·mIn + j]}
 * ({@code b × mIn} each), and on slice {@code (i, l)} M equals the rank-one matrix
 * {@code L_l[:, i] R_i[l, :]}. The slices share no parameters, so ‖A − M‖_F is minimised slice by
 * slice by the best rank-one approximation, the top singular triple {@code σuvᵀ} (Eckart–Young);
 * it is split evenly, {@code L_l[:, i] = √σ u}, {@code R_i[l, :] = √σ v}. For sizes that are not
 * {@code b·m} squares the entries of a slice that fall outside A are whole rows (dropped outputs)
 * and whole columns (padded inputs); reading them as zeros leaves the top triple of the remaining
 * block unchanged with zeros on the padding, so the projection is still optimal.
 *
 * <p>The top triple comes from a one-sided (Hestenes) Jacobi SVD of each small slice in double
 * precision: it converges to machine precision whatever the gap between the first two singular
 * values, which a power iteration would not, and needs no native call per slice.
 */
public final class MonarchProjection {

    private static final double EPS = 1e-15;
    private static final int MAX_SWEEPS = 100;

    private MonarchProjection() {
    }

    /**
     * Projects {@code dense} ({@code out × in}) onto the Monarch matrices with {@code blocks}
     * blocks. The factors have {@code dense}'s data type; the work is done in double.
     */
    public static MonarchFactors project(INDArray dense, int blocks) {
        if (dense.rank() != 2) {
            throw new IllegalArgumentException("projection needs a matrix, got rank " + dense.rank());
        }
        int out = Math.toIntExact(dense.size(0));
        int in = Math.toIntExact(dense.size(1));
        MonarchFactors.checkSizes(in, out, blocks);
        int b = blocks;
        int mIn = MonarchFactors.blockSize(in, b);
        int mOut = MonarchFactors.blockSize(out, b);
        double[] a = MonarchFactors.flat(dense);
        double[] r = new double[b * mOut * mIn];
        double[] l = new double[mOut * b * b];
        double[][] slice = new double[b][mIn];
        double[] u = new double[b];
        double[] v = new double[mIn];
        for (int i = 0; i < b; i++) {
            for (int ll = 0; ll < mOut; ll++) {
                for (int k = 0; k < b; k++) {
                    int row = k * mOut + ll;
                    for (int j = 0; j < mIn; j++) {
                        int col = i * mIn + j;
                        slice[k][j] = row < out && col < in ? a[row * in + col] : 0.0;
                    }
                }
                double sigma = topSingularTriple(slice, u, v);
                double s = Math.sqrt(sigma);
                for (int k = 0; k < b; k++) {
                    l[(ll * b + k) * b + i] = s * u[k];
                }
                for (int j = 0; j < mIn; j++) {
                    r[(i * mOut + ll) * mIn + j] = s * v[j];
                }
            }
        }
        DataType type = dense.dataType();
        INDArray r1 = Nd4j.create(r, new long[] {b, mOut, mIn}, DataType.DOUBLE).castTo(type);
        INDArray l2 = Nd4j.create(l, new long[] {mOut, b, b}, DataType.DOUBLE).castTo(type);
        return new MonarchFactors(in, out, b, r1, l2);
    }

    /** {@code ‖A − M‖_F / ‖A‖_F} in double precision, M being the dense form of {@code factors}. */
    public static double relativeError(INDArray dense, MonarchFactors factors) {
        INDArray a = dense.castTo(DataType.DOUBLE);
        INDArray m = factors.toDense().castTo(DataType.DOUBLE);
        if (!java.util.Arrays.equals(a.shape(), m.shape())) {
            throw new IllegalArgumentException("dense is " + java.util.Arrays.toString(a.shape())
                    + " but the factors give " + java.util.Arrays.toString(m.shape()));
        }
        return a.sub(m).norm2Number().doubleValue() / a.norm2Number().doubleValue();
    }

    /**
     * The largest singular value of {@code s} ({@code p × q}), writing its left and right singular
     * vectors into {@code u} (length p) and {@code v} (length q); zero vectors for a zero matrix.
     */
    static double topSingularTriple(double[][] s, double[] u, double[] v) {
        int p = s.length;
        int q = s[0].length;
        if (q <= p) {
            return jacobiTop(columns(s, false), u, v);
        }
        return jacobiTop(columns(s, true), v, u);
    }

    /** Columns of {@code s} (or of sᵀ) as separate arrays, which the rotations update in place. */
    private static double[][] columns(double[][] s, boolean transpose) {
        int p = s.length;
        int q = s[0].length;
        double[][] cols = transpose ? new double[p][q] : new double[q][p];
        for (int k = 0; k < p; k++) {
            for (int j = 0; j < q; j++) {
                if (transpose) {
                    cols[k][j] = s[k][j];
                } else {
                    cols[j][k] = s[k][j];
                }
            }
        }
        return cols;
    }

    /**
     * One-sided Jacobi on the columns {@code w} (n columns of length p, n ≤ p): rotates column
     * pairs until all are orthogonal, accumulating the rotations in V; then the column norms are
     * the singular values, the normalised columns the left vectors and V's columns the right ones.
     */
    private static double jacobiTop(double[][] w, double[] left, double[] right) {
        int n = w.length;
        int p = w[0].length;
        double[][] vt = new double[n][n]; // vt[a] is column a of V
        for (int a = 0; a < n; a++) {
            vt[a][a] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int a = 0; a < n - 1; a++) {
                for (int c = a + 1; c < n; c++) {
                    double alpha = dot(w[a], w[a]);
                    double beta = dot(w[c], w[c]);
                    double gamma = dot(w[a], w[c]);
                    if (gamma == 0.0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0.0) {
                        t = 1.0;
                    }
                    double cos = 1 / Math.sqrt(1 + t * t);
                    double sin = cos * t;
                    rotate(w[a], w[c], cos, sin);
                    rotate(vt[a], vt[c], cos, sin);
                }
            }
            if (!rotated) {
                break;
            }
        }
        int best = 0;
        double bestNorm = -1;
        for (int a = 0; a < n; a++) {
            double norm = Math.sqrt(dot(w[a], w[a]));
            if (norm > bestNorm) {
                bestNorm = norm;
                best = a;
            }
        }
        for (int k = 0; k < p; k++) {
            left[k] = bestNorm == 0 ? 0 : w[best][k] / bestNorm;
        }
        for (int j = 0; j < n; j++) {
            right[j] = bestNorm == 0 ? 0 : vt[best][j];
        }
        return bestNorm;
    }

    private static void rotate(double[] x, double[] y, double cos, double sin) {
        for (int k = 0; k < x.length; k++) {
            double xk = x[k];
            double yk = y[k];
            x[k] = cos * xk - sin * yk;
            y[k] = sin * xk + cos * yk;
        }
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }
}
