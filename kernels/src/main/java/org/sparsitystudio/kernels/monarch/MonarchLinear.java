package org.sparsitystudio.kernels.monarch;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparsitystudio.kernels.count.Counted;
import org.sparsitystudio.kernels.nn.Buffers;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * A drop-in replacement for {@link org.sparsitystudio.kernels.nn.Linear} whose weight is a Monarch
 * matrix {@code M = P L Pᵀ R}: {@code y = x Mᵀ + bias}, input [batch, in] (or [batch, tokens, in],
 * multiplied as [batch·tokens, in] like {@code Linear}) and output [batch, out].
 *
 * <p>The point of the layer is to pay only for the factors: forward and backward are each two
 * batched products over the blocks and never form {@code M}. Sizes that are not {@code b·m}
 * squares follow the padding rule of {@link MonarchFactors}: R ({@code blkdiag1}) has {@code b}
 * blocks of {@code ⌈out/b⌉ × ⌈in/b⌉}, L ({@code blkdiag2}) has {@code ⌈out/b⌉} blocks of
 * {@code b × b}, the input is zero-padded to {@code b·⌈in/b⌉} and the output truncated to
 * {@code out}.
 *
 * <p>Implementation: the input is copied once into a [b, rows, mIn] buffer (chunk-major), then
 * {@code Nd4j.matmul} on rank-3 arrays gives the transposed first stage [b, mOut, rows]; swapping
 * its first two axes (a copy of contiguous runs of rows) gives [mOut, b, rows] for the second
 * batched product with L, transposed by flag, and the result is scattered to the output. Every
 * transpose that can be a gemm flag is one: ND4J's strided copies that move single floats ran at
 * about 2 GB/s here. On this machine (ND4J 1.0.0-M2.1, fp32, rows 128, n = 1024, b = 32) that took about
 * 1.6–2 ms against 4.7–5.4 ms for a loop of {@code Nd4j.gemm} calls over the blocks (and 8.6 ms for
 * the dense product); passing permuted views straight to {@code matmul} was slower than the
 * explicit copies. All buffers are kept and reused while the input shape repeats.
 *
 * <p>Initialisation follows PyTorch's {@code nn.Linear} per block, as the reference
 * implementation does: each factor uniform in ±1/√(fan-in of its blocks), i.e. ±1/√mIn for R and
 * ±1/√b for L; the bias uniform in ±1/√in.
 */
public final class MonarchLinear implements Layer, Counted {

    private final int in;
    private final int out;
    private final int blocks;
    private final int mIn;
    private final int mOut;
    private final DataType type;
    private final Parameter blkdiag1;
    private final Parameter blkdiag2;
    private final Parameter bias;

    private boolean inputGradientRequired = true;
    private long[] inputShape;
    private long rows;

    /** [rows, b·mIn] zero-padded input; only used when {@code in < b·mIn}. */
    private INDArray paddedInput;
    /** [b, rows, mIn]: input chunks, chunk-major; kept for dR. */
    private INDArray chunks;
    /** [b, mOut, rows]: Y_iᵀ = R_i X_iᵀ, computed transposed so the next copy moves whole rows. */
    private INDArray stage1;
    /** [mOut, b, rows]: stage1 with its first two axes swapped, (Y^(l))ᵀ for each l; kept for dL. */
    private INDArray stage1T;
    /** [mOut, rows, b]: the result of the second product before it is scattered. */
    private INDArray stage2;
    /** [rows, mOut, b]: stage2 on its way to the output, rows first. */
    private INDArray stage2ByRow;
    /** [rows, b·mOut]: the untruncated output. */
    private INDArray fullOutput;
    private INDArray output;
    private INDArray output3d;

    private INDArray paddedGrad;
    /** [rows, mOut, b]: the output gradient on its way to gradStage2, rows first. */
    private INDArray gradByRow;
    private INDArray gradStage2;
    private INDArray gradStage1T;
    private INDArray gradStage1;
    private INDArray gradChunks;
    private INDArray fullGradInput;
    private INDArray gradInput;
    private INDArray gradInput3d;

    /**
     * Creates a layer with {@code blocks} blocks, initialised per block as PyTorch initialises a
     * dense layer of the block's fan-in.
     *
     * @param in       input features
     * @param out      output features
     * @param blocks   {@code b}, the number of blocks of R and the size of each block of L
     * @param withBias whether to add a bias
     * @param type     data type of parameters and buffers
     * @param rng      source of the initial values
     */
    public MonarchLinear(int in, int out, int blocks, boolean withBias, DataType type, SplittableRandom rng) {
        MonarchFactors.checkSizes(in, out, blocks);
        this.in = in;
        this.out = out;
        this.blocks = blocks;
        this.mIn = MonarchFactors.blockSize(in, blocks);
        this.mOut = MonarchFactors.blockSize(out, blocks);
        this.type = type;
        this.blkdiag1 = new Parameter("blkdiag1",
                Init.uniform(type, rng, 1.0 / Math.sqrt(mIn), blocks, mOut, mIn), true, false);
        this.blkdiag2 = new Parameter("blkdiag2",
                Init.uniform(type, rng, 1.0 / Math.sqrt(blocks), mOut, blocks, blocks), true, false);
        this.bias = withBias
                ? new Parameter("bias", Init.uniform(type, rng, 1.0 / Math.sqrt(in), out), false, false)
                : null;
    }

    /**
     * Parameters of the two factors for this size rule, bias excluded: {@code b·mOut·mIn + mOut·b²},
     * which is {@code n(b + m)} for {@code in = out = n = b·m}.
     */
    public static long parameterCount(int in, int out, int blocks) {
        MonarchFactors.checkSizes(in, out, blocks);
        long mIn = MonarchFactors.blockSize(in, blocks);
        long mOut = MonarchFactors.blockSize(out, blocks);
        return blocks * mOut * mIn + mOut * blocks * (long) blocks;
    }

    /**
     * Forward FLOPs per row (sample or token): two per multiply-add of each factor entry, plus one
     * per output for the bias, counted as {@link org.sparsitystudio.kernels.nn.Linear} counts it.
     */
    public static long forwardFlopsPerRow(int in, int out, int blocks, boolean withBias) {
        return 2 * parameterCount(in, out, blocks) + (withBias ? out : 0);
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    public int blocks() {
        return blocks;
    }

    /** R, shape [b, ⌈out/b⌉, ⌈in/b⌉]. */
    public Parameter blkdiag1() {
        return blkdiag1;
    }

    /** L, shape [⌈out/b⌉, b, b]. */
    public Parameter blkdiag2() {
        return blkdiag2;
    }

    /** The bias, or {@code null} when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    /** The current factor values (the parameter arrays themselves, not copies). */
    public MonarchFactors factors() {
        return new MonarchFactors(in, out, blocks, blkdiag1.value(), blkdiag2.value());
    }

    /** Overwrites the factors, e.g. with a {@link MonarchProjection} of a trained dense weight. */
    public void setFactors(MonarchFactors factors) {
        if (factors.in() != in || factors.out() != out || factors.blocks() != blocks) {
            throw new IllegalArgumentException("factors are for in=" + factors.in() + ", out=" + factors.out()
                    + ", blocks=" + factors.blocks() + ", layer is in=" + in + ", out=" + out + ", blocks=" + blocks);
        }
        blkdiag1.value().assign(factors.blkdiag1());
        blkdiag2.value().assign(factors.blkdiag2());
    }

    /** The dense {@code out × in} weight M (allocated; for tests and viewing, never used in training). */
    public INDArray toDense() {
        return factors().toDense();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        inputShape = x.shape();
        INDArray x2 = x;
        if (x.rank() == 3) {
            x2 = x.reshape('c', inputShape[0] * inputShape[1], inputShape[2]);
        } else if (x.rank() != 2) {
            throw new IllegalArgumentException("MonarchLinear takes rank 2 or 3 input, got shape "
                    + Arrays.toString(inputShape));
        }
        if (x2.size(1) != in) {
            throw new IllegalArgumentException("expected " + in + " input features, got shape "
                    + Arrays.toString(inputShape));
        }
        rows = x2.size(0);
        INDArray padded = x2;
        if (blocks * mIn != in) {
            // the padding columns are zero on allocation and never written
            paddedInput = Buffers.ensure(paddedInput, type, rows, (long) blocks * mIn);
            paddedInput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, in)).assign(x2);
            padded = paddedInput;
        }
        chunks = Buffers.ensure(chunks, type, blocks, rows, mIn);
        chunks.assign(padded.reshape('c', rows, blocks, mIn).permute(1, 0, 2));
        // Y_iᵀ = R_i X_iᵀ for every chunk i. Producing it transposed lets the regrouping below
        // keep runs of `rows` contiguous values; regrouping [b, rows, mOut] into [mOut, rows, b]
        // instead moved single floats and took 11 of the 19 ms of a forward at n = 4096 here
        stage1 = Buffers.ensure(stage1, type, blocks, mOut, rows);
        Nd4j.matmul(blkdiag1.value(), chunks, stage1, false, true, false);
        stage1T = Buffers.ensure(stage1T, type, mOut, blocks, rows);
        stage1T.assign(stage1.permute(1, 0, 2));
        // Z_l = (Y_1[l] … Y_b[l]) L_lᵀ for every feature l; the transpose is a gemm flag
        stage2 = Buffers.ensure(stage2, type, mOut, rows, blocks);
        Nd4j.matmul(stage1T, blkdiag2.value(), stage2, true, true, false);
        // Z_l[k] goes to output k·mOut + l
        // in two copies: one moving runs of b values, then small per-row transposes that stay in
        // cache; the one-step permute took 4–8 ms at n = 1024 here against 0.2–0.5 ms for both
        stage2ByRow = Buffers.ensure(stage2ByRow, type, rows, mOut, blocks);
        stage2ByRow.assign(stage2.permute(1, 0, 2));
        fullOutput = Buffers.ensure(fullOutput, type, rows, (long) blocks * mOut);
        fullOutput.reshape('c', rows, blocks, mOut).assign(stage2ByRow.permute(0, 2, 1));
        if (blocks * mOut == out) {
            output = fullOutput;
        } else {
            output = Buffers.ensure(output, type, rows, out);
            output.assign(fullOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, out)));
        }
        if (bias != null) {
            output.addiRowVector(bias.value());
        }
        if (x.rank() == 2) {
            return output;
        }
        output3d = view3d(output3d, output, out);
        return output3d;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput.rank() == 3
                ? gradOutput.reshape('c', gradOutput.size(0) * gradOutput.size(1), gradOutput.size(2))
                : gradOutput;
        if (bias != null) {
            g.sum(bias.grad(), 0);
        }
        INDArray gFull = g;
        if (blocks * mOut != out) {
            paddedGrad = Buffers.ensure(paddedGrad, type, rows, (long) blocks * mOut);
            paddedGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, out)).assign(g);
            gFull = paddedGrad;
        }
        // dZ_l[r, k] = g[r, k·mOut + l]
        // the forward's scatter undone in the same two cheap copies
        gradByRow = Buffers.ensure(gradByRow, type, rows, mOut, blocks);
        gradByRow.assign(gFull.reshape('c', rows, blocks, mOut).permute(0, 2, 1));
        gradStage2 = Buffers.ensure(gradStage2, type, mOut, rows, blocks);
        gradStage2.assign(gradByRow.permute(1, 0, 2));
        // dL_l = dZ_lᵀ Y^(l), dY^(l) = dZ_l L_l
        Nd4j.matmul(gradStage2, stage1T, blkdiag2.grad(), true, true, false);
        // dY^(l)ᵀ = L_lᵀ dZ_lᵀ, transposed for the same reason as stage1
        gradStage1T = Buffers.ensure(gradStage1T, type, mOut, blocks, rows);
        Nd4j.matmul(blkdiag2.value(), gradStage2, gradStage1T, true, true, false);
        gradStage1 = Buffers.ensure(gradStage1, type, blocks, mOut, rows);
        gradStage1.assign(gradStage1T.permute(1, 0, 2));
        // dR_i = dY_iᵀ X_i, dX_i = dY_i R_i
        Nd4j.matmul(gradStage1, chunks, blkdiag1.grad(), false, false, false);
        if (!inputGradientRequired) {
            return null;
        }
        gradChunks = Buffers.ensure(gradChunks, type, blocks, rows, mIn);
        Nd4j.matmul(gradStage1, blkdiag1.value(), gradChunks, true, false, false);
        fullGradInput = Buffers.ensure(fullGradInput, type, rows, (long) blocks * mIn);
        fullGradInput.reshape('c', rows, blocks, mIn).assign(gradChunks.permute(1, 0, 2));
        if (blocks * mIn == in) {
            gradInput = fullGradInput;
        } else {
            gradInput = Buffers.ensure(gradInput, type, rows, in);
            gradInput.assign(fullGradInput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, in)));
        }
        if (inputShape.length == 2) {
            return gradInput;
        }
        gradInput3d = view3d(gradInput3d, gradInput, in);
        return gradInput3d;
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
    public long lastForwardFlops() {
        return inputShape == null ? 0 : rows * forwardFlopsPerRow(in, out, blocks, bias != null);
    }

    /** The same as {@link #lastForwardFlops()}: the factors are dense, nothing is skipped. */
    @Override
    public long lastEffectiveForwardFlops() {
        return lastForwardFlops();
    }

    @Override
    public void setInputGradientRequired(boolean required) {
        this.inputGradientRequired = required;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(blkdiag1, blkdiag2) : List.of(blkdiag1, blkdiag2, bias);
    }
}
