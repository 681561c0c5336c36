package org.sparsitystudio.kernels.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reuse of preallocated arrays: a new one is made only when shape or data type change. */
public final class Buffers {

    private Buffers() {
    }

    /**
     * Returns {@code current} if it has exactly this data type and shape (C order), otherwise a
     * new zero-filled array.
     */
    public static INDArray ensure(INDArray current, DataType type, long... shape) {
        if (current != null && current.dataType() == type && Arrays.equals(current.shape(), shape)
                && current.ordering() == 'c') {
            return current;
        }
        return Nd4j.create(type, shape);
    }
}
