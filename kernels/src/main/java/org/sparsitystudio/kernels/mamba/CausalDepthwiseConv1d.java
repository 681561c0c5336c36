package org.sparsitystudio.kernels.mamba;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.count.Counted;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * Mamba's short causal convolution along time, one filter per channel: PyTorch's
 * {@code Conv1d(E, E, k, groups=E, padding=k−1)} with the output cut to the first L steps, so
 * {@code y[b,t,e] = bias[e] + Σ_j weight[e,0,j] · x[b, t−(k−1)+j, e]} with zeros before t = 0.
 * Input and output are [batch, L, E] (time in the middle, as everywhere in this package).
 *
 * <p>The weight keeps PyTorch's shape [E, 1, k] so checkpoints map one to one. It is decayed but not
 * prunable: with four taps per channel a mask would cut the only mixing along time. Initialisation
 * is PyTorch's default for this fan-in (uniform in ±1/√k for weight and bias). The work is
 * k multiply-adds per element, so it runs as plain loops over bulk-copied arrays.
 */
public final class CausalDepthwiseConv1d implements Layer, Counted {

    private final int channels;
    private final int kernel;
    private final DataType type;
    private final Parameter weight;
    private final Parameter bias;

    private boolean inputGradientRequired = true;
    private int batch;
    private int length;
    private double[] x;
    private double[] y;
    private double[] gx;
    private INDArray output;
    private INDArray gradInput;

    public CausalDepthwiseConv1d(int channels, int kernel, DataType type, SplittableRandom rng) {
        if (channels <= 0 || kernel <= 0) {
            throw new IllegalArgumentException("need positive channels and kernel, got " + channels + ", " + kernel);
        }
        this.channels = channels;
        this.kernel = kernel;
        this.type = type;
        double bound = 1 / Math.sqrt(kernel);
        this.weight = new Parameter("weight", Init.uniform(type, rng, bound, channels, 1, kernel), true, false);
        this.bias = new Parameter("bias", Init.uniform(type, rng, bound, channels), false, false);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (input.rank() != 3 || input.size(2) != channels) {
            throw new IllegalArgumentException("expected [batch, L, " + channels + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        batch = Math.toIntExact(input.size(0));
        length = Math.toIntExact(input.size(1));
        x = Flat.doubles(input);
        double[] w = Flat.doubles(weight.value());
        double[] b = Flat.doubles(bias.value());
        y = Flat.ensure(y, x.length);
        int pad = kernel - 1;
        for (int bi = 0; bi < batch; bi++) {
            for (int t = 0; t < length; t++) {
                int row = (bi * length + t) * channels;
                for (int e = 0; e < channels; e++) {
                    y[row + e] = b[e];
                }
                for (int j = Math.max(0, pad - t); j < kernel; j++) {
                    // tap j reads time t − pad + j, which is ≥ 0 here
                    int src = (bi * length + t - pad + j) * channels;
                    for (int e = 0; e < channels; e++) {
                        y[row + e] += w[e * kernel + j] * x[src + e];
                    }
                }
            }
        }
        output = Flat.write(output, type, y, input.shape());
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        double[] g = Flat.doubles(gradOutput);
        double[] w = Flat.doubles(weight.value());
        double[] gw = new double[channels * kernel];
        double[] gb = new double[channels];
        gx = inputGradientRequired ? Flat.ensure(gx, x.length) : null;
        if (gx != null) {
            java.util.Arrays.fill(gx, 0.0);
        }
        int pad = kernel - 1;
        for (int bi = 0; bi < batch; bi++) {
            for (int t = 0; t < length; t++) {
                int row = (bi * length + t) * channels;
                for (int e = 0; e < channels; e++) {
                    gb[e] += g[row + e];
                }
                for (int j = Math.max(0, pad - t); j < kernel; j++) {
                    int src = (bi * length + t - pad + j) * channels;
                    for (int e = 0; e < channels; e++) {
                        gw[e * kernel + j] += g[row + e] * x[src + e];
                        if (gx != null) {
                            gx[src + e] += g[row + e] * w[e * kernel + j];
                        }
                    }
                }
            }
        }
        weight.grad().data().setData(gw);
        bias.grad().data().setData(gb);
        if (gx == null) {
            return null;
        }
        gradInput = Flat.write(gradInput, type, gx, batch, length, channels);
        return gradInput;
    }

    @Override
    public void setInputGradientRequired(boolean required) {
        this.inputGradientRequired = required;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** k multiply-adds and one bias add per output; the zero padding is counted as if computed. */
    @Override
    public long lastForwardFlops() {
        return (long) batch * length * channels * (2L * kernel + 1);
    }

    @Override
    public long lastEffectiveForwardFlops() {
        return lastForwardFlops();
    }
}
