package org.sparsitystudio.kernels.mamba;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.count.Counted;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * The Mamba (S6) mixer of the RoMA study, following mamba_ssm's {@code Mamba} module without its
 * fused kernels. On input x [batch, L, d]:
 * <pre>
 *   [u, z]        = x W_inᵀ                       (d → 2E, no bias)
 *   u             ← SiLU(causal depthwise conv1d(u))   (kernel 4, left pad 3)
 *   [δ, B, C]     = u W_xᵀ                        (E → R + 2N, no bias; R = ⌈d/16⌉)
 *   Δ             = softplus(δ W_dtᵀ + b_dt)      (R → E)
 *   y             = selective scan(u, Δ, A = −exp(A_log), B, C, D)
 *   out           = (y ⊙ SiLU(z)) W_outᵀ          (E → d, no bias)
 * </pre>
 * Parameters carry mamba_ssm's names: {@code in_proj.weight}, {@code conv1d.weight},
 * {@code conv1d.bias}, {@code x_proj.weight}, {@code dt_proj.weight}, {@code dt_proj.bias},
 * {@code A_log}, {@code D}, {@code out_proj.weight}. Initialisation follows mamba_ssm too:
 * {@code A_log[e,n] = log(n+1)} (S4D-real), {@code D = 1}, and {@code dt_proj.bias} the inverse
 * softplus of a dt drawn log-uniformly in [0.001, 0.1], so that Δ starts in that range; the
 * projections keep PyTorch's {@code nn.Linear} default, which for {@code dt_proj.weight} equals
 * mamba_ssm's uniform ±R^−½. A_log and D are not decayed (mamba_ssm's {@code _no_weight_decay}).
 *
 * <p>The projections are {@link Linear} layers (GEMMs, prunable like any linear weight). Everything
 * between them is element-wise or the scan, and runs as loops over bulk-copied double arrays
 * (float32 models are computed in double between the GEMMs and stored back in float32).
 */
public final class MambaMixer implements Layer, Counted {

    /** mamba_ssm's default state size N. */
    public static final int DEFAULT_STATES = 16;
    /** mamba_ssm's default convolution width. */
    public static final int CONV_KERNEL = 4;
    /** Lower end of mamba_ssm's range for the initial Δ. */
    public static final double DT_MIN = 0.001;
    /** Upper end of mamba_ssm's range for the initial Δ. */
    public static final double DT_MAX = 0.1;

    private final int dim;
    private final int inner;
    private final int states;
    private final int dtRank;
    private final DataType type;
    private final Linear inProj;
    private final CausalDepthwiseConv1d conv;
    private final Linear xProj;
    private final Linear dtProj;
    private final Linear outProj;
    private final Parameter aLog;
    private final Parameter d;
    private final SelectiveScan scan;
    private final List<Parameter> parameters;

    private boolean inputGradientRequired = true;
    private int batch;
    private int length;
    private long[] shapeE;

    private double[] xz;
    private double[] uPre;
    private double[] uConv;
    private double[] uAct;
    private double[] dtIn;
    private double[] dtPre;
    private double[] delta;
    private double[] bMat;
    private double[] cMat;
    private double[] aMat;
    private double[] y;
    private double[] gated;
    private double[] gY;
    private double[] gDtPre;
    private double[] gXdbl;
    private double[] gU;
    private double[] gXz;

    private INDArray uPreArr;
    private INDArray uActArr;
    private INDArray dtInArr;
    private INDArray deltaArr;
    private INDArray bArr;
    private INDArray cArr;
    private INDArray aArr;
    private INDArray gatedArr;
    private INDArray gYArr;
    private INDArray gDtPreArr;
    private INDArray gXdblArr;
    private INDArray gUArr;
    private INDArray gXzArr;

    /** A mixer with mamba_ssm's defaults: E = 2d, N = 16, R = ⌈d/16⌉, the fast scan on one thread. */
    public MambaMixer(int dim, DataType type, SplittableRandom rng) {
        this(dim, DEFAULT_STATES, type, rng, SelectiveScan.fast());
    }

    /**
     * @param dim    model width d (E = 2d, R = ⌈d/16⌉)
     * @param states state size N
     * @param scan   the scan implementation (for example {@link SelectiveScan#fast(int)} with more threads)
     */
    public MambaMixer(int dim, int states, DataType type, SplittableRandom rng, SelectiveScan scan) {
        if (dim <= 0 || states <= 0) {
            throw new IllegalArgumentException("need positive dim and states, got " + dim + ", " + states);
        }
        this.dim = dim;
        this.inner = 2 * dim;
        this.states = states;
        this.dtRank = (dim + 15) / 16;
        this.type = type;
        this.scan = scan;
        this.inProj = new Linear(dim, 2 * inner, false, type, rng);
        this.conv = new CausalDepthwiseConv1d(inner, CONV_KERNEL, type, rng);
        this.xProj = new Linear(inner, dtRank + 2 * states, false, type, rng);
        this.dtProj = new Linear(dtRank, inner, true, type, rng);
        this.outProj = new Linear(inner, dim, false, type, rng);
        double[] bias = new double[inner];
        for (int e = 0; e < inner; e++) {
            double dt = Math.exp(Math.log(DT_MIN) + rng.nextDouble() * (Math.log(DT_MAX) - Math.log(DT_MIN)));
            // inverse softplus: log(eᵈᵗ − 1) = dt + log(1 − e^−dt)
            bias[e] = dt + Math.log(-Math.expm1(-dt));
        }
        dtProj.bias().value().assign(Nd4j.createFromArray(bias).castTo(type));
        double[] logs = new double[inner * states];
        for (int e = 0; e < inner; e++) {
            for (int n = 0; n < states; n++) {
                logs[e * states + n] = Math.log(n + 1);
            }
        }
        this.aLog = new Parameter("A_log", Nd4j.create(logs, new long[] {inner, states}, DataType.DOUBLE).castTo(type),
                false, false);
        this.d = new Parameter("D", Nd4j.ones(type, inner), false, false);
        List<Parameter> all = new ArrayList<>();
        named("in_proj.", inProj, all);
        named("conv1d.", conv, all);
        named("x_proj.", xProj, all);
        named("dt_proj.", dtProj, all);
        all.add(aLog);
        all.add(d);
        named("out_proj.", outProj, all);
        this.parameters = Collections.unmodifiableList(all);
    }

    private static void named(String prefix, Layer layer, List<Parameter> into) {
        for (Parameter p : layer.parameters()) {
            p.rename(prefix + p.name());
            into.add(p);
        }
    }

    public int dim() {
        return dim;
    }

    /** E, the width of the scan (2d). */
    public int innerDim() {
        return inner;
    }

    public int states() {
        return states;
    }

    /** R, the width of the Δ bottleneck (⌈d/16⌉). */
    public int dtRank() {
        return dtRank;
    }

    public Linear inProj() {
        return inProj;
    }

    public CausalDepthwiseConv1d conv() {
        return conv;
    }

    public Linear xProj() {
        return xProj;
    }

    public Linear dtProj() {
        return dtProj;
    }

    public Linear outProj() {
        return outProj;
    }

    public Parameter aLog() {
        return aLog;
    }

    public Parameter d() {
        return d;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 3 || x.size(2) != dim) {
            throw new IllegalArgumentException("expected [batch, L, " + dim + "], got " + java.util.Arrays.toString(x.shape()));
        }
        batch = Math.toIntExact(x.size(0));
        length = Math.toIntExact(x.size(1));
        int rows = batch * length;
        shapeE = new long[] {batch, length, inner};
        long[] shapeN = {batch, length, states};
        int xdblWidth = dtRank + 2 * states;

        xz = Flat.doubles(inProj.forward(x, training));
        uPre = Flat.ensure(uPre, rows * inner);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xz, r * 2 * inner, uPre, r * inner, inner);
        }
        uPreArr = Flat.write(uPreArr, type, uPre, shapeE);
        uConv = Flat.doubles(conv.forward(uPreArr, training));
        uAct = Flat.ensure(uAct, rows * inner);
        for (int i = 0; i < uAct.length; i++) {
            uAct[i] = uConv[i] * Flat.sigmoid(uConv[i]);
        }
        uActArr = Flat.write(uActArr, type, uAct, shapeE);

        double[] xdbl = Flat.doubles(xProj.forward(uActArr, training));
        dtIn = Flat.ensure(dtIn, rows * dtRank);
        bMat = Flat.ensure(bMat, rows * states);
        cMat = Flat.ensure(cMat, rows * states);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xdbl, r * xdblWidth, dtIn, r * dtRank, dtRank);
            System.arraycopy(xdbl, r * xdblWidth + dtRank, bMat, r * states, states);
            System.arraycopy(xdbl, r * xdblWidth + dtRank + states, cMat, r * states, states);
        }
        dtInArr = Flat.write(dtInArr, type, dtIn, batch, length, dtRank);
        bArr = Flat.write(bArr, type, bMat, shapeN);
        cArr = Flat.write(cArr, type, cMat, shapeN);
        dtPre = Flat.doubles(dtProj.forward(dtInArr, training));
        delta = Flat.ensure(delta, rows * inner);
        for (int i = 0; i < delta.length; i++) {
            delta[i] = Flat.softplus(dtPre[i]);
        }
        deltaArr = Flat.write(deltaArr, type, delta, shapeE);
        aMat = Flat.doubles(aLog.value());
        for (int i = 0; i < aMat.length; i++) {
            aMat[i] = -Math.exp(aMat[i]);
        }
        aArr = Flat.write(aArr, type, aMat, inner, states);

        y = Flat.doubles(scan.forward(uActArr, deltaArr, aArr, bArr, cArr, d.value(), training));
        gated = Flat.ensure(gated, rows * inner);
        for (int r = 0; r < rows; r++) {
            int zOff = r * 2 * inner + inner;
            int off = r * inner;
            for (int e = 0; e < inner; e++) {
                double z = xz[zOff + e];
                gated[off + e] = y[off + e] * z * Flat.sigmoid(z);
            }
        }
        gatedArr = Flat.write(gatedArr, type, gated, shapeE);
        return outProj.forward(gatedArr, training);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        int rows = batch * length;
        int xdblWidth = dtRank + 2 * states;
        double[] gGated = Flat.doubles(outProj.backward(gradOutput));
        gY = Flat.ensure(gY, rows * inner);
        gXz = Flat.ensure(gXz, rows * 2 * inner);
        for (int r = 0; r < rows; r++) {
            int zOff = r * 2 * inner + inner;
            int off = r * inner;
            for (int e = 0; e < inner; e++) {
                double z = xz[zOff + e];
                double s = Flat.sigmoid(z);
                double g = gGated[off + e];
                gY[off + e] = g * z * s;
                // SiLU'(z) = s (1 + z (1 − s))
                gXz[zOff + e] = g * y[off + e] * s * (1 + z * (1 - s));
            }
        }
        gYArr = Flat.write(gYArr, type, gY, shapeE);
        SelectiveScan.Gradients gs = scan.backward(gYArr);

        d.grad().assign(gs.d());
        // A = −exp(A_log), so dA/dA_log = A
        double[] gA = Flat.doubles(gs.a());
        for (int i = 0; i < gA.length; i++) {
            gA[i] *= aMat[i];
        }
        aLog.grad().data().setData(gA);

        double[] gDelta = Flat.doubles(gs.delta());
        gDtPre = Flat.ensure(gDtPre, rows * inner);
        for (int i = 0; i < gDtPre.length; i++) {
            gDtPre[i] = gDelta[i] * Flat.sigmoid(dtPre[i]);
        }
        gDtPreArr = Flat.write(gDtPreArr, type, gDtPre, shapeE);
        double[] gDtIn = Flat.doubles(dtProj.backward(gDtPreArr));
        double[] gB = Flat.doubles(gs.b());
        double[] gC = Flat.doubles(gs.c());
        gXdbl = Flat.ensure(gXdbl, rows * xdblWidth);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(gDtIn, r * dtRank, gXdbl, r * xdblWidth, dtRank);
            System.arraycopy(gB, r * states, gXdbl, r * xdblWidth + dtRank, states);
            System.arraycopy(gC, r * states, gXdbl, r * xdblWidth + dtRank + states, states);
        }
        gXdblArr = Flat.write(gXdblArr, type, gXdbl, batch, length, xdblWidth);
        double[] gUFromX = Flat.doubles(xProj.backward(gXdblArr));
        double[] gUFromScan = Flat.doubles(gs.u());
        gU = Flat.ensure(gU, rows * inner);
        for (int i = 0; i < gU.length; i++) {
            double c = uConv[i];
            double s = Flat.sigmoid(c);
            gU[i] = (gUFromX[i] + gUFromScan[i]) * s * (1 + c * (1 - s));
        }
        gUArr = Flat.write(gUArr, type, gU, shapeE);
        double[] gUPre = Flat.doubles(conv.backward(gUArr));
        for (int r = 0; r < rows; r++) {
            System.arraycopy(gUPre, r * inner, gXz, r * 2 * inner, inner);
        }
        gXzArr = Flat.write(gXzArr, type, gXz, batch, length, 2L * inner);
        inProj.setInputGradientRequired(inputGradientRequired);
        return inProj.backward(gXzArr);
    }

    @Override
    public void setInputGradientRequired(boolean required) {
        this.inputGradientRequired = required;
    }

    @Override
    public List<Layer> children() {
        return List.of(inProj, conv, xProj, dtProj, outProj);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The mixer's own work, the projections and the convolution being counted by their layers:
     * per state entry (batch · L · E · N) Δ·A, exp, the decay product, (Δu)·B, the add and C·h as a
     * multiply-add, 7 FLOPs; per channel entry (batch · L · E) Δ·u, D·u with its add and the gate
     * product, 4 FLOPs. Like GELU and softmax elsewhere in the studio, the SiLU and softplus
     * non-linearities are not counted.
     */
    @Override
    public long lastForwardFlops() {
        long entries = (long) batch * length * inner;
        return entries * (7L * states + 4);
    }

    @Override
    public long lastEffectiveForwardFlops() {
        return lastForwardFlops();
    }
}
