package org.sparsitystudio.kernels.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer {@code y = x Wᵀ + b} with weight {@code W} of shape [out, in] (PyTorch's
 * layout), input [batch, in] and output [batch, out], and an optional weight mask. Rank-3 input
 * [batch, tokens, in] (a transformer's tokens) gives [batch, tokens, out]: it is multiplied as the
 * 2-D [batch·tokens, in] view, so every token shares the weight as in PyTorch.
 *
 * <p>With a mask the layer computes with an effective weight (see {@link PrunedWeightRule}); the
 * rule decides whether pruned weights are dropped, passed a straight-through gradient or scaled,
 * and whether SR-STE's decay term pulls them towards zero.
 * All products go through {@code Nd4j.gemm} with transpose flags into preallocated buffers.
 */
public final class Linear implements Layer, org.sparsitystudio.kernels.count.Counted {

    private final int in;
    private final int out;
    private final DataType type;
    private final Parameter weight;
    private final Parameter bias;

    private INDArray mask;
    private PrunedWeightRule rule = PrunedWeightRule.DROP;
    private INDArray effective;
    private INDArray passFactor;
    private INDArray decayTerm;

    private boolean inputGradientRequired = true;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;
    /** Shape of the last forward input; rank 3 when tokens were flattened into rows. */
    private long[] inputShape;
    private INDArray output3d;
    private INDArray gradInput3d;

    /**
     * Creates a layer initialised as PyTorch's {@code nn.Linear}: weight and bias uniform in
     * ±1/√in.
     */
    public Linear(int in, int out, boolean withBias, DataType type, SplittableRandom rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.type = type;
        double bound = 1.0 / Math.sqrt(in);
        this.weight = new Parameter("weight", Init.uniform(type, rng, bound, out, in), true, true);
        this.bias = withBias ? new Parameter("bias", Init.uniform(type, rng, bound, out), false, false) : null;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    /** The current mask (1 keep, 0 pruned) shaped like the weight, or {@code null}. */
    public INDArray mask() {
        return mask;
    }

    public PrunedWeightRule prunedWeightRule() {
        return rule;
    }

    /**
     * Sets (or with {@code null} removes) the weight mask and how pruned weights are treated. The
     * mask array is used as it is (not copied), so an N:M recomputation can write into it and call
     * {@link #maskChanged()}.
     */
    public void setMask(INDArray newMask, PrunedWeightRule newRule) {
        if (newMask != null && !java.util.Arrays.equals(newMask.shape(), weight.value().shape())) {
            throw new IllegalArgumentException("mask shape " + java.util.Arrays.toString(newMask.shape())
                    + " does not match weight shape " + java.util.Arrays.toString(weight.value().shape()));
        }
        this.mask = newMask == null || newMask.dataType() == type ? newMask : newMask.castTo(type);
        this.rule = newRule == null ? PrunedWeightRule.DROP : newRule;
        maskChanged();
    }

    /**
     * Re-derives what the layer keeps from the mask after the mask (in place) or the rule changed:
     * with {@link PrunedWeightRule#DROP} the stored weight is zeroed where pruned.
     */
    public void maskChanged() {
        if (mask == null) {
            weight.keepZeroWhere(null);
            passFactor = null;
            return;
        }
        if (rule.dropsPruned()) {
            weight.keepZeroWhere(mask);
            weight.value().muli(mask);
            passFactor = null;
            return;
        }
        weight.keepZeroWhere(null);
        double g = rule.gradientFraction();
        if (g == 1) {
            passFactor = null; // straight-through: the gradient passes unchanged
        } else if (g == 0) {
            passFactor = mask;
        } else {
            passFactor = Buffers.ensure(passFactor == mask ? null : passFactor, type, out, in);
            // E + g(1 - E) = g + (1 - g) E
            passFactor.assign(mask).muli(1 - g).addi(g);
        }
    }

    private INDArray effectiveWeight() {
        if (mask == null || rule.dropsPruned()) {
            return weight.value();
        }
        effective = Buffers.ensure(effective, type, out, in);
        double v = rule.valueFraction();
        if (v == 0) {
            weight.value().mul(mask, effective);
        } else {
            // W ⊙ (v + (1 - v) E)
            effective.assign(mask).muli(1 - v).addi(v).muli(weight.value());
        }
        return effective;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        inputShape = x.shape();
        INDArray x2 = x;
        if (x.rank() == 3) {
            // a c-ordered input reshapes to a view; only a strided input is copied here
            x2 = x.reshape('c', inputShape[0] * inputShape[1], inputShape[2]);
        } else if (x.rank() != 2) {
            throw new IllegalArgumentException("Linear takes rank 2 or 3 input, got shape "
                    + java.util.Arrays.toString(inputShape));
        }
        long rows = x2.size(0);
        output = Buffers.ensure(output, type, rows, out);
        Nd4j.gemm(x2, effectiveWeight(), output, false, true, 1.0, 0.0);
        if (bias != null) {
            output.addiRowVector(bias.value());
        }
        input = x2;
        if (x.rank() == 2) {
            return output;
        }
        output3d = view3d(output3d, output, out);
        return output3d;
    }

    /** A cached [batch, tokens, cols] view of a 2-D buffer, rebuilt only when the buffer changed. */
    private INDArray view3d(INDArray cached, INDArray buffer, long cols) {
        if (cached != null && cached.data() == buffer.data() && cached.size(0) == inputShape[0]
                && cached.size(1) == inputShape[1]) {
            return cached;
        }
        return buffer.reshape('c', inputShape[0], inputShape[1], cols);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput.rank() == 3
                ? gradOutput.reshape('c', gradOutput.size(0) * gradOutput.size(1), gradOutput.size(2))
                : gradOutput;
        // dW = dyᵀ x, db = Σ_batch dy, dx = dy W̃
        Nd4j.gemm(g, input, weight.grad(), true, false, 1.0, 0.0);
        if (mask != null && rule.dropsPruned()) {
            weight.grad().muli(mask);
        } else if (passFactor != null) {
            weight.grad().muli(passFactor);
        }
        if (mask != null && !rule.dropsPruned() && rule.prunedDecay() > 0) {
            decayTerm = Buffers.ensure(decayTerm, type, out, in);
            // SR-STE's λ (1 − E) ⊙ W, added after the pass factor so it is never scaled by it
            decayTerm.assign(mask).rsubi(1).muli(weight.value()).muli(rule.prunedDecay());
            weight.grad().addi(decayTerm);
        }
        if (bias != null) {
            g.sum(bias.grad(), 0);
        }
        if (!inputGradientRequired) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, type, input.size(0), in);
        Nd4j.gemm(g, mask == null || rule.dropsPruned() ? weight.value() : effective, gradInput,
                false, false, 1.0, 0.0);
        if (inputShape.length == 2) {
            return gradInput;
        }
        gradInput3d = view3d(gradInput3d, gradInput, in);
        return gradInput3d;
    }

    @Override
    public long lastForwardFlops() {
        long rows = input == null ? 0 : input.size(0);
        return rows * (2L * in * out + (bias == null ? 0 : out));
    }

    @Override
    public long lastEffectiveForwardFlops() {
        long rows = input == null ? 0 : input.size(0);
        long kept = mask == null ? (long) in * out : mask.sumNumber().longValue();
        return rows * (2L * kept + (bias == null ? 0 : out));
    }

    @Override
    public void setInputGradientRequired(boolean required) {
        this.inputGradientRequired = required;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }
}
