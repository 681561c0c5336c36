package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multi-head scaled dot-product self-attention on tokens [batch, tokens, dim], laid out as timm's
 * ViT {@code Attention}: a fused projection {@code qkv} (Linear dim → 3·dim; output rows
 * [0, dim) are the queries, [dim, 2·dim) the keys, [2·dim, 3·dim) the values, each split into
 * {@code heads} consecutive blocks of dim/heads), softmax(Q Kᵀ/√d) V per head, heads concatenated
 * and the output projection {@code proj} (Linear dim → dim). Parameters are named
 * {@code qkv.weight}, {@code qkv.bias}, {@code proj.weight}, {@code proj.bias}; both projections
 * are ordinary {@link Linear} layers so that masks apply to them as to any other.
 *
 * <p>With {@code causal} a token attends only to itself and earlier tokens. Per-head products are
 * batched matmuls over [batch, heads] into preallocated buffers.
 */
public final class MultiHeadSelfAttention implements Layer, org.sparsitystudio.kernels.count.Counted {

    private static final MMulTranspose PLAIN = MMulTranspose.builder().build();
    private static final MMulTranspose TRANS_A = MMulTranspose.builder().transposeA(true).build();
    private static final MMulTranspose TRANS_B = MMulTranspose.builder().transposeB(true).build();

    private final int dim;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final DataType type;
    private final Layer qkv;
    private final Layer proj;
    private final List<Parameter> parameters;

    // [3, B, H, T, dh]: queries, keys and values split by head, each slice contiguous
    private INDArray qkvHeads;
    private INDArray probs;
    private INDArray context;
    private INDArray merged;
    private INDArray causalMask;
    private INDArray gradQkvHeads;
    private INDArray gradContext;
    private INDArray gradProbs;
    private INDArray gradScores;
    private INDArray rowDots;
    private INDArray gradQkv;

    /**
     * @param dim    model width; must be divisible by {@code heads}
     * @param heads  number of attention heads
     * @param causal whether token t may attend only to tokens ≤ t
     */
    public MultiHeadSelfAttention(int dim, int heads, boolean causal, DataType type, SplittableRandom rng) {
        this(dim, heads, causal, type, rng, LinearFactory.DENSE);
    }

    /**
     * Attention whose projections come from {@code projections} (roles {@link LinearFactory#QKV}
     * and {@link LinearFactory#PROJ}), e.g. Monarch layers; parameters stay named {@code qkv.*}
     * and {@code proj.*}.
     */
    public MultiHeadSelfAttention(int dim, int heads, boolean causal, DataType type, SplittableRandom rng,
            LinearFactory projections) {
        if (dim <= 0 || heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("heads must divide dim, got dim=" + dim + ", heads=" + heads);
        }
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.causal = causal;
        this.type = type;
        this.qkv = projections.create(LinearFactory.QKV, dim, 3 * dim, type, rng);
        this.proj = projections.create(LinearFactory.PROJ, dim, dim, type, rng);
        List<Parameter> all = new ArrayList<>();
        for (Parameter p : qkv.parameters()) {
            p.rename("qkv." + p.name());
            all.add(p);
        }
        for (Parameter p : proj.parameters()) {
            p.rename("proj." + p.name());
            all.add(p);
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    /** The two attention products (Q·Kᵀ and P·V); the projections count as their own layers. */
    @Override
    public long lastForwardFlops() {
        return probs == null ? 0 : 4L * probs.size(0) * probs.size(2) * probs.size(3) * dim;
    }

    @Override
    public long lastEffectiveForwardFlops() {
        return lastForwardFlops();
    }

    @Override
    public List<Layer> children() {
        return List.of(qkv, proj);
    }

    /**
     * The fused query/key/value projection (dim → 3·dim) when it is a {@link Linear}.
     *
     * @throws IllegalStateException when a factory made another layer; see {@link #qkvLayer()}
     */
    public Linear qkv() {
        return TransformerBlock.asLinear(qkv, LinearFactory.QKV);
    }

    /**
     * The output projection (dim → dim) when it is a {@link Linear}.
     *
     * @throws IllegalStateException when a factory made another layer; see {@link #projLayer()}
     */
    public Linear proj() {
        return TransformerBlock.asLinear(proj, LinearFactory.PROJ);
    }

    /** The fused query/key/value projection (dim → 3·dim), whatever layer it is. */
    public Layer qkvLayer() {
        return qkv;
    }

    /** The output projection (dim → dim), whatever layer it is. */
    public Layer projLayer() {
        return proj;
    }

    public int heads() {
        return heads;
    }

    /** The attention probabilities [batch, heads, tokens, tokens] of the last forward call. */
    public INDArray lastAttention() {
        return probs;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3 || x.size(2) != dim) {
            throw new IllegalArgumentException("attention expects [batch, tokens, " + dim + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        long b = x.size(0);
        long t = x.size(1);
        INDArray projected = qkv.forward(x, training);
        qkvHeads = Buffers.ensure(qkvHeads, type, 3, b, heads, t, headDim);
        qkvHeads.assign(projected.reshape('c', b, t, 3, heads, headDim).permute(2, 0, 3, 1, 4));
        INDArray q = qkvHeads.get(NDArrayIndex.point(0));
        INDArray k = qkvHeads.get(NDArrayIndex.point(1));
        INDArray v = qkvHeads.get(NDArrayIndex.point(2));

        probs = Buffers.ensure(probs, type, b, heads, t, t);
        Nd4j.exec(new Mmul(q, k, probs, 1.0 / Math.sqrt(headDim), 0.0, TRANS_B));
        if (causal) {
            probs.reshape('c', b * heads, t * t).addiRowVector(causalMask(t));
        }
        Nd4j.exec(new SoftMax(probs, probs, 3));

        context = Buffers.ensure(context, type, b, heads, t, headDim);
        Nd4j.exec(new Mmul(probs, v, context, 1.0, 0.0, PLAIN));
        merged = Buffers.ensure(merged, type, b, t, dim);
        merged.reshape('c', b, t, heads, headDim).assign(context.permute(0, 2, 1, 3));
        return proj.forward(merged, training);
    }

    /** The additive mask, flattened [T·T]: 0 on and below the diagonal, −∞ above it. */
    private INDArray causalMask(long t) {
        if (causalMask == null || causalMask.length() != t * t) {
            causalMask = Nd4j.zeros(type, t * t);
            for (long i = 0; i < t; i++) {
                for (long j = i + 1; j < t; j++) {
                    causalMask.putScalar(i * t + j, Double.NEGATIVE_INFINITY);
                }
            }
        }
        return causalMask;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long b = merged.size(0);
        long t = merged.size(1);
        double scale = 1.0 / Math.sqrt(headDim);
        INDArray gradMerged = proj.backward(gradOutput);
        gradContext = Buffers.ensure(gradContext, type, b, heads, t, headDim);
        gradContext.assign(gradMerged.reshape('c', b, t, heads, headDim).permute(0, 2, 1, 3));

        INDArray q = qkvHeads.get(NDArrayIndex.point(0));
        INDArray k = qkvHeads.get(NDArrayIndex.point(1));
        INDArray v = qkvHeads.get(NDArrayIndex.point(2));
        gradQkvHeads = Buffers.ensure(gradQkvHeads, type, 3, b, heads, t, headDim);
        INDArray dq = gradQkvHeads.get(NDArrayIndex.point(0));
        INDArray dk = gradQkvHeads.get(NDArrayIndex.point(1));
        INDArray dv = gradQkvHeads.get(NDArrayIndex.point(2));

        // context = P V: dP = dC Vᵀ, dV = Pᵀ dC
        gradProbs = Buffers.ensure(gradProbs, type, b, heads, t, t);
        Nd4j.exec(new Mmul(gradContext, v, gradProbs, 1.0, 0.0, TRANS_B));
        Nd4j.exec(new Mmul(probs, gradContext, dv, 1.0, 0.0, TRANS_A));

        // softmax rows: dS = P ⊙ (dP − Σ_j dP ⊙ P)
        gradScores = Buffers.ensure(gradScores, type, b, heads, t, t);
        rowDots = Buffers.ensure(rowDots, type, b * heads * t);
        INDArray dS = gradScores.reshape('c', b * heads * t, t);
        INDArray p2 = probs.reshape('c', b * heads * t, t);
        INDArray scratch = gradProbs.reshape('c', b * heads * t, t);
        dS.assign(scratch).muli(p2);
        dS.sum(rowDots, 1);
        // dP is no longer needed: its buffer holds P ⊙ rowDots
        dS.subi(scratch.assign(p2).muliColumnVector(rowDots));

        // S = scale · Q Kᵀ: dQ = scale · dS K, dK = scale · dSᵀ Q
        Nd4j.exec(new Mmul(gradScores, k, dq, scale, 0.0, PLAIN));
        Nd4j.exec(new Mmul(gradScores, q, dk, scale, 0.0, TRANS_A));

        gradQkv = Buffers.ensure(gradQkv, type, b, t, 3 * dim);
        gradQkv.reshape('c', b, t, 3, heads, headDim).assign(gradQkvHeads.permute(1, 3, 0, 2, 4));
        return qkv.backward(gradQkv);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
