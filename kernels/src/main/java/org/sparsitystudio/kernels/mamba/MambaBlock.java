package org.sparsitystudio.kernels.mamba;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Buffers;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * A pre-norm residual Mamba block, {@code y = x + Mixer(RMSNorm(x))}, on [batch, L, d].
 *
 * <p>Parameter names follow mamba_ssm's {@code Block}: {@code norm.weight} and
 * {@code mixer.in_proj.weight}, {@code mixer.A_log}, … (see {@link MambaMixer}), so a stack of
 * blocks named {@code layers.i.} matches a mamba_ssm state dict. The norm and mixer are composed
 * directly, as in {@link org.sparsitystudio.kernels.nn.TransformerBlock}, to keep those names.
 */
public final class MambaBlock implements Layer {

    private final RmsNorm norm;
    private final MambaMixer mixer;
    private final List<Parameter> parameters;

    private boolean inputGradientRequired = true;
    private INDArray output;
    private INDArray gradInput;

    /** A block with mamba_ssm's defaults (E = 2d, N = 16, the fast scan on one thread). */
    public MambaBlock(int dim, DataType type, SplittableRandom rng) {
        this(new MambaMixer(dim, type, rng), type);
    }

    /** A block around a mixer built elsewhere (other state size or scan implementation). */
    public MambaBlock(MambaMixer mixer, DataType type) {
        this.norm = new RmsNorm(mixer.dim(), type);
        this.mixer = mixer;
        List<Parameter> all = new ArrayList<>();
        for (Parameter p : norm.parameters()) {
            p.rename("norm." + p.name());
            all.add(p);
        }
        for (Parameter p : mixer.parameters()) {
            p.rename("mixer." + p.name());
            all.add(p);
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    public RmsNorm norm() {
        return norm;
    }

    public MambaMixer mixer() {
        return mixer;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray m = mixer.forward(norm.forward(x, training), training);
        output = Buffers.ensure(output, x.dataType(), x.shape());
        return x.add(m, output);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray throughMixer = norm.backward(mixer.backward(gradOutput));
        if (!inputGradientRequired) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
        return gradOutput.add(throughMixer, gradInput);
    }

    @Override
    public void setInputGradientRequired(boolean required) {
        // the norm still needs the gradient flowing into it to train its weight, so only the
        // final residual sum can be skipped
        this.inputGradientRequired = required;
    }

    @Override
    public List<Layer> children() {
        return List.of(norm, mixer);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
