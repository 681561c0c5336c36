package org.sparsitystudio.kernels.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error over chosen tokens only, the reconstruction loss of masked autoencoders:
 * predictions and targets [batch, T, P] (one row of P pixel values per patch), a token mask
 * [batch, T] with 1 where the loss applies, and
 * {@code L = Σ_{b,t} m_bt Σ_p (pred − target)² / (P · Σ m)}. Unmasked tokens get zero gradient, so
 * the encoder is never rewarded for copying visible pixels through.
 */
public final class MaskedMeanSquaredError {

    private INDArray gradient;

    /**
     * Computes the loss and stores dL/dpred for {@link #gradient()}.
     *
     * @return the loss; 0 when no token is masked
     */
    public double forward(INDArray prediction, INDArray target, INDArray mask) {
        if (prediction.rank() != 3 || !java.util.Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("prediction " + java.util.Arrays.toString(prediction.shape())
                    + " and target " + java.util.Arrays.toString(target.shape()) + " must be equal [batch, tokens, values]");
        }
        if (mask.rank() != 2 || mask.size(0) != prediction.size(0) || mask.size(1) != prediction.size(1)) {
            throw new IllegalArgumentException("mask " + java.util.Arrays.toString(mask.shape())
                    + " is not [batch, tokens] of " + java.util.Arrays.toString(prediction.shape()));
        }
        INDArray m = mask.castTo(prediction.dataType()).reshape(mask.size(0), mask.size(1), 1)
                .broadcast(prediction.shape());
        double count = m.sumNumber().doubleValue();
        INDArray diff = prediction.sub(target).muli(m);
        if (count == 0) {
            gradient = diff;
            return 0;
        }
        double loss = diff.mul(diff).sumNumber().doubleValue() / count;
        gradient = diff.muli(2 / count);
        return loss;
    }

    /** dL/dpred of the last {@link #forward} call, shaped like the prediction. */
    public INDArray gradient() {
        return gradient;
    }
}
