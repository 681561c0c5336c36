package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax followed by cross-entropy with integer class labels, averaged over the batch (PyTorch's
 * {@code F.cross_entropy}). Computed on the host in one pass over the logits: for the small class
 * counts here this is cheaper than several native calls.
 */
public final class SoftmaxCrossEntropy {

    private INDArray gradLogits;
    private double[] values = new double[0];
    private float[] floats = new float[0];
    private int correct;

    /**
     * Computes the mean loss of {@code logits} [batch, classes] against {@code labels} and stores
     * dL/dlogits for {@link #gradient()}.
     *
     * @param labels class index per row; only the first {@code logits.size(0)} entries are read
     * @return the mean loss; NaN or infinite when the logits are
     */
    public double forward(INDArray logits, int[] labels) {
        int batch = (int) logits.size(0);
        int classes = (int) logits.size(1);
        if (labels.length < batch) {
            throw new IllegalArgumentException("labels for " + labels.length + " rows, logits have " + batch);
        }
        gradLogits = Buffers.ensure(gradLogits, logits.dataType(), batch, classes);
        int n = batch * classes;
        if (values.length < n) {
            values = new double[n];
        }
        // one bulk copy each way: element-wise access through ND4J's buffers costs more than the maths
        INDArray logitsC = logits.ordering() == 'c' && !logits.isView() ? logits : logits.dup('c');
        copyOut(logitsC, values, n);
        double total = 0;
        int hits = 0;
        for (int b = 0; b < batch; b++) {
            int row = b * classes;
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int c = 0; c < classes; c++) {
                if (values[row + c] > max) {
                    max = values[row + c];
                    argmax = c;
                }
            }
            int label = labels[b];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
            }
            double labelLogit = values[row + label];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                values[row + c] = Math.exp(values[row + c] - max);
                sum += values[row + c];
            }
            total += Math.log(sum) - (labelLogit - max);
            if (argmax == label) {
                hits++;
            }
            for (int c = 0; c < classes; c++) {
                values[row + c] = (values[row + c] / sum - (c == label ? 1 : 0)) / batch;
            }
        }
        copyIn(values, gradLogits, n);
        correct = hits;
        return total / batch;
    }

    private void copyOut(INDArray source, double[] target, int n) {
        if (source.dataType() == DataType.FLOAT) {
            if (floats.length < n) {
                floats = new float[n];
            }
            source.data().asNioFloat().get((int) source.offset(), floats, 0, n);
            for (int i = 0; i < n; i++) {
                target[i] = floats[i];
            }
        } else {
            source.data().asNioDouble().get((int) source.offset(), target, 0, n);
        }
    }

    private void copyIn(double[] source, INDArray target, int n) {
        if (target.dataType() == DataType.FLOAT) {
            for (int i = 0; i < n; i++) {
                floats[i] = (float) source[i];
            }
            target.data().asNioFloat().put(0, floats, 0, n);
        } else {
            target.data().asNioDouble().put(0, source, 0, n);
        }
    }

    /** dL/dlogits of the last forward call. */
    public INDArray gradient() {
        return gradLogits;
    }

    /** How many rows of the last forward call had their label as the largest logit. */
    public int correct() {
        return correct;
    }
}
