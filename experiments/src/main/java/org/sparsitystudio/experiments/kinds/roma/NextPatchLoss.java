package org.sparsitystudio.experiments.kinds.roma;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The autoregressive, multi-scale loss of RoMA: token t's prediction is compared with patch t+1's
 * pixels, t = 0 … T−2, each patch normalised per channel to mean 0 and variance 1 over its p×p
 * pixels ({@code (x − μ) / √(σ² + 1e-6)}, MAE's per-patch normalisation). At scale s the
 * predicted and the true images are average-pooled s×s first; since every s divides p, a pooling
 * block never straddles two patches, so this is the same as pooling each predicted and true patch.
 * Each scale's loss is a mean squared error over its pooled values; the total is the mean over
 * the enabled scales.
 *
 * <p>When s equals p the pooled target is the per-channel patch mean, which normalisation makes 0:
 * that scale then only asks each prediction to be zero-mean per channel. This happens for the
 * 4× scale on 32² images (p = 4) and is kept as the method defines it.
 *
 * <p>The variance of the normalised targets is 1 (a little less where a patch is nearly flat), so
 * a scale-1 loss of 0.5 means half the target variance is explained.
 */
public final class NextPatchLoss {

    /** MAE's epsilon in the per-patch normalisation. */
    public static final double NORM_EPS = 1e-6;

    private final int channels;
    private final int patch;
    private final int[] scales;

    private double[] scaleLosses;
    private INDArray gradient;
    private double targetVariance;

    /**
     * @param scales pooling factors, each dividing {@code patch}; 1 is the plain next-patch loss
     */
    public NextPatchLoss(int channels, int patch, int... scales) {
        if (scales.length == 0) {
            throw new IllegalArgumentException("at least one scale is needed");
        }
        for (int s : scales) {
            if (s <= 0 || patch % s != 0) {
                throw new IllegalArgumentException("scale " + s + " must divide the patch side " + patch);
            }
        }
        this.channels = channels;
        this.patch = patch;
        this.scales = scales.clone();
    }

    /** The enabled scales, in the order of {@link #scaleLosses()}. */
    public int[] scales() {
        return scales.clone();
    }

    /**
     * The total loss of {@code predictions} against {@code patches}.
     *
     * @param predictions [batch, T − 1, C·p·p]: what tokens 0 … T−2 predict for the next patch
     * @param patches     [batch, T, C·p·p]: the images' raw patches in token order, each row C
     *                    planes of p×p values (as {@link org.sparsitystudio.kernels.nn.PatchEmbedding#patches})
     * @return the mean over scales of each scale's mean squared error
     */
    public double forward(INDArray predictions, INDArray patches) {
        int b = (int) patches.size(0);
        int t = (int) patches.size(1);
        int width = channels * patch * patch;
        if (patches.size(2) != width || predictions.size(0) != b || predictions.size(1) != t - 1
                || predictions.size(2) != width) {
            throw new IllegalArgumentException("predictions " + Arrays.toString(predictions.shape()) + " do not fit patches "
                    + Arrays.toString(patches.shape()));
        }
        double[] pred = predictions.dup('c').data().asDouble();
        double[] raw = patches.dup('c').data().asDouble();
        int rows = b * (t - 1);
        double[] target = new double[rows * width];
        double varianceSum = 0;
        for (int i = 0; i < b; i++) {
            for (int k = 1; k < t; k++) {
                int src = (i * t + k) * width;
                int dst = (i * (t - 1) + k - 1) * width;
                varianceSum += normalise(raw, src, target, dst);
            }
        }
        targetVariance = varianceSum / ((double) rows * width);
        double[] grad = new double[pred.length];
        scaleLosses = new double[scales.length];
        int area = patch * patch;
        double total = 0;
        for (int si = 0; si < scales.length; si++) {
            int s = scales[si];
            int pooledSide = patch / s;
            long count = (long) rows * channels * pooledSide * pooledSide;
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    int base = r * width + c * area;
                    for (int by = 0; by < pooledSide; by++) {
                        for (int bx = 0; bx < pooledSide; bx++) {
                            double diff = 0;
                            for (int y = by * s; y < (by + 1) * s; y++) {
                                for (int x = bx * s; x < (bx + 1) * s; x++) {
                                    diff += pred[base + y * patch + x] - target[base + y * patch + x];
                                }
                            }
                            diff /= s * s;
                            sum += diff * diff;
                            // d/dpred of (mean over scales) of (mean over pooled values) of diff²:
                            // every pixel of the block shares the pooled difference, divided by s²
                            double g = 2 * diff / (count * (double) s * s * scales.length);
                            for (int y = by * s; y < (by + 1) * s; y++) {
                                for (int x = bx * s; x < (bx + 1) * s; x++) {
                                    grad[base + y * patch + x] += g;
                                }
                            }
                        }
                    }
                }
            }
            scaleLosses[si] = sum / count;
            total += scaleLosses[si];
        }
        gradient = Nd4j.create(grad, predictions.shape(), 'c').castTo(predictions.dataType());
        return total / scales.length;
    }

    /** Normalises one patch row per channel into {@code dst}; returns the sum of squared normalised values. */
    private double normalise(double[] raw, int src, double[] dst, int at) {
        int area = patch * patch;
        double squares = 0;
        for (int c = 0; c < channels; c++) {
            int o = c * area;
            double mean = 0;
            for (int j = 0; j < area; j++) {
                mean += raw[src + o + j];
            }
            mean /= area;
            double var = 0;
            for (int j = 0; j < area; j++) {
                double d = raw[src + o + j] - mean;
                var += d * d;
            }
            var /= area;
            double inv = 1 / Math.sqrt(var + NORM_EPS);
            for (int j = 0; j < area; j++) {
                double v = (raw[src + o + j] - mean) * inv;
                dst[at + o + j] = v;
                squares += v * v;
            }
        }
        return squares;
    }

    /** Each enabled scale's loss at the last {@link #forward}, in the order of {@link #scales()}. */
    public double[] scaleLosses() {
        return scaleLosses.clone();
    }

    /** The variance of the last forward's normalised targets (their mean square, since their mean is 0). */
    public double targetVariance() {
        return targetVariance;
    }

    /** d(total loss)/d(predictions) of the last {@link #forward}, shaped like the predictions. */
    public INDArray gradient() {
        return gradient;
    }
}
