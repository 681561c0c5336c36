package org.sparsitystudio.experiments.kinds.monarch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The closest matrix of a given rank (truncated SVD, Eckart–Young), as two factors, so that a
 * trained dense layer can become the low-rank baseline the same way it becomes a Monarch layer.
 */
final class LowRank {

    /**
     * {@code A ≈ left · right}.
     *
     * @param left  [out, r]: U_r √Σ_r
     * @param right [r, in]: √Σ_r V_rᵀ
     */
    record Factors(INDArray left, INDArray right) {
    }

    private LowRank() {
    }

    /**
     * The rank-{@code r} truncation of {@code a} ([out, in]), factors in {@code a}'s data type;
     * the work is done in double. The right (or left) singular vectors come from the
     * eigenvectors of the smaller Gram matrix, {@code aᵀa} or {@code aaᵀ}, by {@link SymmetricEigen}:
     * ND4J's LAPACK {@code gesvd} returned non-orthogonal vectors above about 128 × 128, which
     * made the truncation of a trained 1024 × 1024 layer worse at rank 257 than at rank 32.
     * Then {@code left · right = a V_r V_rᵀ} (or {@code U_r U_rᵀ a}), the orthogonal projection
     * onto the top r singular directions, which is the closest rank-r matrix (Eckart–Young).
     */
    static Factors truncate(INDArray a, int r) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("truncation needs a matrix, got rank " + a.rank());
        }
        long rows = a.size(0);
        long cols = a.size(1);
        if (r < 1 || r > Math.min(rows, cols)) {
            throw new IllegalArgumentException("rank must be in [1, " + Math.min(rows, cols) + "], got " + r);
        }
        INDArray ad = a.castTo(DataType.DOUBLE);
        boolean tall = cols <= rows;
        // the Gram matrix of the shorter side: its eigenvectors are a's singular vectors on that side
        INDArray gram = tall ? ad.transpose().mmul(ad) : ad.mmul(ad.transpose());
        SymmetricEigen eigen = SymmetricEigen.of(gram.toDoubleMatrix());
        double[] lambda = eigen.values();
        int side = (int) (tall ? cols : rows);
        double[][] vectors = new double[side][r];
        double[] root = new double[r]; // √σ = λ^¼
        for (int i = 0; i < r; i++) {
            double[] v = eigen.vector(i);
            for (int k = 0; k < side; k++) {
                vectors[k][i] = v[k];
            }
            root[i] = Math.sqrt(Math.sqrt(Math.max(lambda[i], 0)));
        }
        INDArray basis = Nd4j.createFromArray(vectors); // [side, r], orthonormal columns
        INDArray rootRow = Nd4j.create(root, new long[] {1, r}, DataType.DOUBLE);
        INDArray inverseRoot = Nd4j.create(inverse(root), new long[] {1, r}, DataType.DOUBLE);
        INDArray left;
        INDArray right;
        if (tall) {
            // a V_r = U_r Σ_r: left = U_r √Σ_r = a V_r / √Σ_r, right = √Σ_r V_rᵀ
            left = ad.mmul(basis).mulRowVector(inverseRoot);
            right = basis.mulRowVector(rootRow).transpose();
        } else {
            // U_rᵀ a = Σ_r V_rᵀ: left = U_r √Σ_r, right = √Σ_r V_rᵀ = U_rᵀ a / √Σ_r
            left = basis.mulRowVector(rootRow);
            right = basis.transpose().mmul(ad).mulColumnVector(inverseRoot.reshape(r, 1));
        }
        return new Factors(left.castTo(a.dataType()).dup('c'), right.castTo(a.dataType()).dup('c'));
    }

    /** 1/x, and 0 for a zero singular value (its direction carries none of a). */
    private static double[] inverse(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] > 0 ? 1 / x[i] : 0;
        }
        return out;
    }
}
