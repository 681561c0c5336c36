package org.sparsitystudio.kernels.mamba;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sizes of one scan call, validated once so that the loops can index flat arrays without
 * further checks.
 */
record ScanShapes(int batch, int length, int channels, int states) {

    static ScanShapes of(INDArray u, INDArray delta, INDArray a, INDArray b, INDArray c, INDArray d) {
        if (u.rank() != 3) {
            throw new IllegalArgumentException("u must be [batch, L, E], got " + Arrays.toString(u.shape()));
        }
        if (a.rank() != 2) {
            throw new IllegalArgumentException("A must be [E, N], got " + Arrays.toString(a.shape()));
        }
        ScanShapes s = new ScanShapes(Math.toIntExact(u.size(0)), Math.toIntExact(u.size(1)),
                Math.toIntExact(u.size(2)), Math.toIntExact(a.size(1)));
        s.require("delta", delta, s.batch, s.length, s.channels);
        s.require("A", a, s.channels, s.states);
        s.require("B", b, s.batch, s.length, s.states);
        s.require("C", c, s.batch, s.length, s.states);
        s.require("D", d, s.channels);
        return s;
    }

    void require(String name, INDArray x, long... shape) {
        if (!Arrays.equals(x.shape(), shape)) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(x.shape()));
        }
    }
}
