package org.sparsitystudio.kernels.mamba;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Buffers;

/**
 * Bulk moves between INDArrays and flat C-order double arrays. The Mamba code does its
 * element-wise and recurrent work on Java arrays, where a loop costs nanoseconds per element,
 * instead of through per-element INDArray access or chains of small ND4J ops; these two
 * copies are the only places where the two worlds meet.
 */
final class Flat {

    private Flat() {
    }

    /** The values in C order as doubles, copied in one go. */
    static double[] doubles(INDArray x) {
        boolean dense = !x.isView() && x.offset() == 0 && x.ordering() == 'c' && x.data().length() == x.length();
        return (dense ? x : x.dup('c')).data().asDouble();
    }

    /**
     * Writes {@code values} into {@code buffer} (reallocated when type or shape differ), converting
     * to {@code type}, and returns the buffer.
     */
    static INDArray write(INDArray buffer, DataType type, double[] values, long... shape) {
        INDArray out = Buffers.ensure(buffer, type, shape);
        out.data().setData(values);
        return out;
    }

    /** {@code current} when it has {@code length} entries, otherwise a new array. */
    static double[] ensure(double[] current, int length) {
        return current != null && current.length == length ? current : new double[length];
    }

    /** The logistic function, written so that neither tail overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log(1 + eˣ) without overflow for large x. */
    static double softplus(double x) {
        return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
