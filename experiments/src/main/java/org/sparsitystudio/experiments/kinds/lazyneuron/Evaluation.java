package org.sparsitystudio.experiments.kinds.lazyneuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.kernels.nn.Layer;

/**
 * Accuracy and calibration of a classifier from one pass over a data set: the softmax of each
 * row of logits gives the prediction (arg max) and its confidence (the largest probability).
 *
 * @param accuracy    share of samples whose arg max is the label
 * @param calibration the reliability bins and expected calibration error
 */
public record Evaluation(double accuracy, Calibration calibration) {

    /** Evaluates {@code model} (in evaluation mode) on one pass over {@code data}. */
    public static Evaluation of(Layer model, Batches data, int bins) {
        int n = data.data().size();
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        int filled = 0;
        long right = 0;
        data.startEpoch(0);
        for (int b = 0; b < data.batchesPerEpoch(); b++) {
            Batches.Batch batch = data.next(b);
            INDArray logits = model.forward(batch.features(), false);
            int classes = (int) logits.size(1);
            float[] values = logits.dup('c').data().asFloat();
            for (int r = 0; r < batch.size(); r++) {
                int offset = r * classes;
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (values[offset + c] > values[offset + best]) {
                        best = c;
                    }
                }
                // the largest softmax probability is 1 / Σ exp(z_c − z_max), free of overflow
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(values[offset + c] - values[offset + best]);
                }
                confidence[filled] = 1 / sum;
                correct[filled] = best == batch.labels()[r];
                right += correct[filled] ? 1 : 0;
                filled++;
            }
        }
        return new Evaluation((double) right / n, Calibration.of(confidence, correct, bins));
    }
}
