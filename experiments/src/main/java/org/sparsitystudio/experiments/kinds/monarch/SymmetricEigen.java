package org.sparsitystudio.experiments.kinds.monarch;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix in double precision, in plain Java:
 * Householder reduction to tridiagonal form, then the implicit QL algorithm (the EISPACK routines
 * tred2 and tql2, as JAMA's public-domain {@code EigenvalueDecomposition} gives them). LowRank
 * needs it because ND4J 1.0.0-M2.1's LAPACK wrappers ({@code gesvd}, {@code syev}) return correct
 * values but vectors that are not orthogonal once the matrix is larger than about 128 × 128.
 */
final class SymmetricEigen {

    /** Eigenvalues, largest first. */
    private final double[] values;
    /** {@code vectors[i]} is the unit eigenvector of {@code values[i]}. */
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} ({@code n × n}, symmetric; only read, never written). */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + a[i].length
                        + " entries, expected " + n);
            }
            v[i] = a[i].clone();
        }
        double[] d = new double[n];
        double[] e = new double[n];
        if (n > 0) {
            tred2(v, d, e);
            // QL rotates pairs of eigenvectors; with the vectors as rows each rotation is two
            // contiguous passes rather than two strided column walks
            double[][] rows = transpose(v);
            tql2(rows, d, e);
            sortDescending(rows, d);
            return new SymmetricEigen(d, rows);
        }
        return new SymmetricEigen(d, v);
    }

    /** The eigenvalues, largest first. */
    double[] values() {
        return values.clone();
    }

    /** The unit eigenvector of the {@code i}-th largest eigenvalue (the array itself, not a copy). */
    double[] vector(int i) {
        return vectors[i];
    }

    private static double[][] transpose(double[][] m) {
        int n = m.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** Householder tridiagonalisation: on return {@code v} holds the transformation, {@code d} and {@code e} the tridiagonal matrix. */
    private static void tred2(double[][] v, double[] d, double[] e) {
        int n = d.length;
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                    v[j][i] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                }
            }
            d[i] = h;
        }
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0.0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0.0;
        }
        v[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    /** Implicit QL on the tridiagonal matrix; {@code w[i]} is the i-th eigenvector on return. */
    private static void tql2(double[][] w, double[] d, double[] e) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n) {
                if (Math.abs(e[m]) <= eps * tst1) {
                    break;
                }
                m++;
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 100) {
                        throw new ArithmeticException("symmetric eigensolver did not converge");
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Math.hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        double[] wi = w[i];
                        double[] wi1 = w[i + 1];
                        for (int k = 0; k < n; k++) {
                            double t = wi1[k];
                            wi1[k] = s * wi[k] + c * t;
                            wi[k] = c * wi[k] - s * t;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }

    private static void sortDescending(double[][] w, double[] d) {
        int n = d.length;
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            for (int j = i + 1; j < n; j++) {
                if (d[j] > d[k]) {
                    k = j;
                }
            }
            if (k != i) {
                double t = d[k];
                d[k] = d[i];
                d[i] = t;
                double[] row = w[k];
                w[k] = w[i];
                w[i] = row;
            }
        }
    }
}
