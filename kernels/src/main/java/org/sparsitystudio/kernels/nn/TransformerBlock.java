package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pre-norm transformer encoder block, as timm's ViT {@code Block}:
 * {@code x₁ = x + attn(norm1(x))}, {@code y = x₁ + mlp(norm2(x₁))} with
 * {@code mlp = fc2 ∘ activation ∘ fc1} (dim → hidden → dim).
 *
 * <p>Parameters carry timm's names: {@code norm1.*}, {@code attn.qkv.*}, {@code attn.proj.*},
 * {@code norm2.*}, {@code mlp.fc1.*}, {@code mlp.fc2.*}. The sub-layers are composed directly rather
 * than through {@link Residual} and {@link Sequential} so that the names need no index segments.
 */
public final class TransformerBlock implements Layer {

    /** The MLP's fixed non-linearities; {@link MlpActivation#topK} adds Top-k ReLU. */
    public enum Activation implements MlpActivation {
        /** Exact GELU, the ViT default. */
        GELU,
        /** ReLU, whose zeros make activation-sparsity studies possible. */
        RELU;

        @Override
        public Layer create() {
            return this == GELU ? new Gelu() : new Relu();
        }
    }

    private final LayerNorm norm1;
    private final MultiHeadSelfAttention attn;
    private final LayerNorm norm2;
    private final Layer fc1;
    private final Layer activation;
    private final Layer fc2;
    private final List<Parameter> parameters;

    private INDArray hidden;
    private INDArray mid;
    private INDArray output;
    private INDArray gradMid;
    private INDArray gradInput;

    /**
     * @param dim        token width
     * @param heads      attention heads (must divide dim)
     * @param mlpHidden  hidden width of the MLP (ViT uses 4·dim)
     * @param activation the MLP's non-linearity (an {@link Activation} or {@link MlpActivation#topK})
     * @param causal     whether attention is causal
     */
    public TransformerBlock(int dim, int heads, int mlpHidden, MlpActivation activation, boolean causal, DataType type,
            SplittableRandom rng) {
        this(dim, heads, mlpHidden, activation, causal, type, rng, LinearFactory.DENSE);
    }

    /**
     * A block whose projections come from {@code projections} (roles {@link LinearFactory#QKV},
     * {@link LinearFactory#PROJ}, {@link LinearFactory#FC1}, {@link LinearFactory#FC2}), e.g.
     * Monarch layers in the MLP; the parameter names keep their timm prefixes.
     */
    public TransformerBlock(int dim, int heads, int mlpHidden, MlpActivation activation, boolean causal, DataType type,
            SplittableRandom rng, LinearFactory projections) {
        this.norm1 = new LayerNorm(dim, type);
        this.attn = new MultiHeadSelfAttention(dim, heads, causal, type, rng, projections);
        this.norm2 = new LayerNorm(dim, type);
        this.fc1 = projections.create(LinearFactory.FC1, dim, mlpHidden, type, rng);
        this.activation = activation.create();
        this.fc2 = projections.create(LinearFactory.FC2, mlpHidden, dim, type, rng);
        List<Parameter> all = new ArrayList<>();
        named("norm1.", norm1, all);
        named("attn.", attn, all);
        named("norm2.", norm2, all);
        named("mlp.fc1.", fc1, all);
        named("mlp.fc2.", fc2, all);
        this.parameters = Collections.unmodifiableList(all);
    }

    private static void named(String prefix, Layer layer, List<Parameter> into) {
        for (Parameter p : layer.parameters()) {
            p.rename(prefix + p.name());
            into.add(p);
        }
    }

    @Override
    public List<Layer> children() {
        return List.of(norm1, attn, norm2, fc1, activation, fc2);
    }

    public MultiHeadSelfAttention attention() {
        return attn;
    }

    /**
     * The MLP's first projection (dim → hidden) when it is a {@link Linear}.
     *
     * @throws IllegalStateException when a factory made another layer; see {@link #fc1Layer()}
     */
    public Linear fc1() {
        return asLinear(fc1, LinearFactory.FC1);
    }

    /**
     * The MLP's second projection (hidden → dim) when it is a {@link Linear}.
     *
     * @throws IllegalStateException when a factory made another layer; see {@link #fc2Layer()}
     */
    public Linear fc2() {
        return asLinear(fc2, LinearFactory.FC2);
    }

    /** The MLP's first projection (dim → hidden), whatever layer it is. */
    public Layer fc1Layer() {
        return fc1;
    }

    /** The MLP's second projection (hidden → dim), whatever layer it is. */
    public Layer fc2Layer() {
        return fc2;
    }

    // callers that mask or read weights need a Linear; failing loudly beats a ClassCastException far away
    static Linear asLinear(Layer layer, String role) {
        if (layer instanceof Linear linear) {
            return linear;
        }
        throw new IllegalStateException(role + " is a " + layer.getClass().getSimpleName()
                + ", not a Linear; use the accessor that returns the Layer");
    }

    /** The MLP's activation layer; with ReLU its last output shows the activation sparsity. */
    public Layer activation() {
        return activation;
    }

    /**
     * The MLP's post-activation values [batch, tokens, hidden] of the last forward call, whatever
     * the activation; {@code null} before the first. Owned by the activation layer: valid until the
     * next forward call.
     */
    public INDArray lastMlpActivation() {
        return hidden;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray a = attn.forward(norm1.forward(x, training), training);
        mid = Buffers.ensure(mid, x.dataType(), x.shape());
        x.add(a, mid);
        hidden = activation.forward(fc1.forward(norm2.forward(mid, training), training), training);
        INDArray m = fc2.forward(hidden, training);
        output = Buffers.ensure(output, x.dataType(), x.shape());
        return mid.add(m, output);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray throughMlp = norm2.backward(fc1.backward(activation.backward(fc2.backward(gradOutput))));
        gradMid = Buffers.ensure(gradMid, gradOutput.dataType(), gradOutput.shape());
        gradOutput.add(throughMlp, gradMid);
        INDArray throughAttn = norm1.backward(attn.backward(gradMid));
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
        return gradMid.add(throughAttn, gradInput);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
