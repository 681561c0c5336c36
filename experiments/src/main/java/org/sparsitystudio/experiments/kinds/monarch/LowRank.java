package org.sparsitystudio.experiments.kinds.monarch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /** The rank-{@code r} truncation of {@code a} ([out, in]), factors in {@code a}'s data type; SVD in double. */
    static Factors truncate(INDArray a, int r) {
        // LAPACK's gesvd, column-major as it expects: a = u · diag(s) · vt; ND4J's own svd op
        // failed here with a length mismatch once the matrix was larger than its Jacobi switch (16)
        INDArray ad = a.castTo(DataType.DOUBLE).dup('f');
        long rows = ad.size(0);
        long cols = ad.size(1);
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(rows, cols));
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {rows, rows}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {cols, cols}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(ad, s, u, vt);
        INDArray root = Nd4j.math().sqrt(s.get(NDArrayIndex.interval(0, r)).dup());
        // the split keeps both factors of similar scale, as the Monarch projection splits √σ
        INDArray left = u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, r)).mulRowVector(root);
        INDArray right = vt.get(NDArrayIndex.interval(0, r), NDArrayIndex.all()).mulColumnVector(root.reshape(r, 1));
        return new Factors(left.castTo(a.dataType()).dup('c'), right.castTo(a.dataType()).dup('c'));
    }
}
