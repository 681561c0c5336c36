package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax followed by cross-entropy with integer class labels, averaged over the batch (PyTorch's
 * {@code F.cross_entropy}). Computed on the host in one pass over the logits: for the small class
 * counts here this is cheaper than several native calls.
 */
public final class SoftmaxCrossEntropy {

    private INDArray gradLogits;
    private double[] rowBuffer = new double[0];
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
        if (rowBuffer.length < classes) {
            rowBuffer = new double[classes];
        }
        double[] row = rowBuffer;
        double total = 0;
        int hits = 0;
        INDArray logitsC = logits.ordering() == 'c' && !logits.isView() ? logits : logits.dup('c');
        org.nd4j.linalg.api.buffer.DataBuffer in = logitsC.data();
        org.nd4j.linalg.api.buffer.DataBuffer out = gradLogits.data();
        long offset = logitsC.offset();
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int c = 0; c < classes; c++) {
                row[c] = in.getDouble(offset + (long) b * classes + c);
                if (row[c] > max) {
                    max = row[c];
                    argmax = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                row[c] = Math.exp(row[c] - max);
                sum += row[c];
            }
            int label = labels[b];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
            }
            total += Math.log(sum) - (in.getDouble(offset + (long) b * classes + label) - max);
            if (argmax == label) {
                hits++;
            }
            for (int c = 0; c < classes; c++) {
                double p = row[c] / sum;
                out.put((long) b * classes + c, (p - (c == label ? 1 : 0)) / batch);
            }
        }
        correct = hits;
        return total / batch;
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
