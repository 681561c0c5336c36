package org.sparsitystudio.kernels.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout(p)}: while training each entry is zeroed with
 * probability {@code p} and the kept ones are scaled by 1/(1 − p); when not training it is the
 * identity. The backward pass applies the mask of the last forward call.
 *
 * <p>The mask is drawn from a seeded Java {@link SplittableRandom}, so runs repeat on any backend.
 * {@link #freezeMask(boolean) freezeMask(true)} makes training-mode forward calls reuse the last
 * mask (a mask is drawn only if none of the input's shape exists yet): a frozen dropout is a
 * deterministic function, as finite-difference gradient checks need.
 */
public final class Dropout implements Layer {

    private final double p;
    private final SplittableRandom rng;
    private boolean frozen;
    private boolean lastTraining;

    private INDArray mask;
    private INDArray output;
    private INDArray gradInput;

    /**
     * @param p    drop probability in [0, 1)
     * @param seed seed of the mask generator
     */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must lie in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = new SplittableRandom(seed);
    }

    public double probability() {
        return p;
    }

    /** While frozen, training-mode forward calls reuse the last mask instead of drawing a new one. */
    public void freezeMask(boolean freeze) {
        this.frozen = freeze;
    }

    /** The mask (0 or 1/(1 − p)) of the last training-mode forward call, or {@code null}. */
    public INDArray lastMask() {
        return mask;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        output = Buffers.ensure(output, x.dataType(), x.shape());
        lastTraining = training && p > 0;
        if (!lastTraining) {
            return output.assign(x);
        }
        boolean reuse = frozen && mask != null && mask.dataType() == x.dataType()
                && java.util.Arrays.equals(mask.shape(), x.shape());
        if (!reuse) {
            mask = Buffers.ensure(mask, x.dataType(), x.shape());
            drawMask();
        }
        return x.mul(mask, output);
    }

    private void drawMask() {
        int n = Math.toIntExact(mask.length());
        double keep = 1.0 / (1.0 - p);
        // drawn in Java and written in one bulk copy; per-entry putScalar would cross JNI n times
        if (mask.dataType() == DataType.DOUBLE) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextDouble() < p ? 0.0 : keep;
            }
            mask.data().setData(values);
        } else if (mask.dataType() == DataType.FLOAT) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextDouble() < p ? 0f : (float) keep;
            }
            mask.data().setData(values);
        } else {
            throw new IllegalArgumentException("dropout supports FLOAT and DOUBLE, got " + mask.dataType());
        }
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
        if (!lastTraining) {
            return gradInput.assign(gradOutput);
        }
        return gradOutput.mul(mask, gradInput);
    }
}
