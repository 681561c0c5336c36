package org.sparsitystudio.kernels.mamba;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Buffers;

/**
 * The selective scan as hand-written loops over flat double arrays.
 *
 * <p>Why not ND4J ops: every time step touches only batch × E × N numbers (N is 16), so a
 * per-step op sequence would spend its time in ND4J's per-call overhead (8–27 µs each, see
 * ND4J-NOTES.md) rather than in arithmetic. Inputs are copied out in bulk once per call, the loops
 * run in double precision whatever the input type (one code path; float32 results are rounded
 * once at the end, which keeps them within float rounding of the float64 reference), and results
 * are copied back in bulk into arrays owned by this object.
 *
 * <p>Work is split into units of one batch element × a contiguous range of channels: the time loop
 * is sequential inside a unit and units are independent, so with more than one thread they run on
 * a private {@link ForkJoinPool}. Forward keeps every hidden state h_t (batch · L · E · N doubles,
 * 32 MB at batch 8, L 256, E 128, N 16) when a backward pass will follow; backward recomputes the
 * decays exp(Δ A) rather than storing them too, trading one exp per state for half the memory.
 * Gradients that sum over units (dB, dC over channels; dA, dD over the batch) go to per-chunk or
 * per-batch partial arrays that are added up afterwards, so no two threads write the same entry.
 */
final class FastSelectiveScan implements SelectiveScan {

    private final int threads;
    private ForkJoinPool pool;

    private ScanShapes shapes;
    private DataType type;
    private int chunks;
    private boolean statesKept;

    private double[] u;
    private double[] delta;
    private double[] a;
    private double[] b;
    private double[] c;
    private double[] d;
    private double[] y;
    /** h_t for every (batch, t, e, n), C order. */
    private double[] states;

    private double[] gy;
    private double[] gu;
    private double[] gDelta;
    /** Index 0 is the final dA / dD; further entries are per-batch partials. */
    private double[][] gA;
    private double[][] gD;
    /** Index 0 is the final dB / dC; further entries are per-channel-chunk partials. */
    private double[][] gB;
    private double[][] gC;

    private INDArray yOut;
    private INDArray guOut;
    private INDArray gDeltaOut;
    private INDArray gAOut;
    private INDArray gBOut;
    private INDArray gCOut;
    private INDArray gDOut;

    FastSelectiveScan(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public INDArray forward(INDArray uIn, INDArray deltaIn, INDArray aIn, INDArray bIn, INDArray cIn, INDArray dIn,
            boolean keepForBackward) {
        shapes = ScanShapes.of(uIn, deltaIn, aIn, bIn, cIn, dIn);
        type = uIn.dataType();
        u = Flat.doubles(uIn);
        delta = Flat.doubles(deltaIn);
        a = Flat.doubles(aIn);
        b = Flat.doubles(bIn);
        c = Flat.doubles(cIn);
        d = Flat.doubles(dIn);
        int rowsE = shapes.batch() * shapes.length() * shapes.channels();
        y = ensure(y, rowsE);
        statesKept = keepForBackward;
        if (keepForBackward) {
            states = ensure(states, rowsE * shapes.states());
        }
        chunks = channelChunks();
        run(shapes.batch() * chunks, this::forwardUnit);
        yOut = Buffers.ensure(yOut, type, uIn.shape());
        yOut.data().setData(y);
        return yOut;
    }

    /** How many channel ranges each batch element is cut into: enough units to keep all threads busy. */
    private int channelChunks() {
        if (threads == 1) {
            return 1;
        }
        int wanted = (2 * threads + shapes.batch() - 1) / shapes.batch();
        return Math.max(1, Math.min(shapes.channels(), wanted));
    }

    private void forwardUnit(int unit) {
        int nl = shapes.length();
        int ne = shapes.channels();
        int nn = shapes.states();
        int bi = unit / chunks;
        int e0 = firstChannel(unit % chunks);
        int e1 = firstChannel(unit % chunks + 1);
        double[] h = new double[(e1 - e0) * nn];
        for (int t = 0; t < nl; t++) {
            int row = bi * nl + t;
            int bOff = row * nn;
            for (int e = e0; e < e1; e++) {
                int idx = row * ne + e;
                double dt = delta[idx];
                double ue = u[idx];
                double dtu = dt * ue;
                int aOff = e * nn;
                int hOff = (e - e0) * nn;
                double sum = 0;
                for (int n = 0; n < nn; n++) {
                    double hv = Math.exp(dt * a[aOff + n]) * h[hOff + n] + dtu * b[bOff + n];
                    h[hOff + n] = hv;
                    sum += c[bOff + n] * hv;
                }
                y[idx] = sum + d[e] * ue;
                if (statesKept) {
                    System.arraycopy(h, hOff, states, idx * nn, nn);
                }
            }
        }
    }

    private int firstChannel(int chunk) {
        return (int) ((long) chunk * shapes.channels() / chunks);
    }

    @Override
    public Gradients backward(INDArray gradY) {
        if (shapes == null || !statesKept) {
            throw new IllegalStateException("backward needs a forward call with keepForBackward");
        }
        shapes.require("dL/dy", gradY, shapes.batch(), shapes.length(), shapes.channels());
        int nb = shapes.batch();
        int nl = shapes.length();
        int ne = shapes.channels();
        int nn = shapes.states();
        gy = Flat.doubles(gradY);
        gu = ensure(gu, nb * nl * ne);
        gDelta = ensure(gDelta, nb * nl * ne);
        gA = partials(gA, nb, ne * nn);
        gD = partials(gD, nb, ne);
        gB = partials(gB, chunks, nb * nl * nn);
        gC = partials(gC, chunks, nb * nl * nn);
        run(nb * chunks, this::backwardUnit);
        sumInto(gA);
        sumInto(gD);
        sumInto(gB);
        sumInto(gC);

        guOut = copyOut(guOut, gu, nb, nl, ne);
        gDeltaOut = copyOut(gDeltaOut, gDelta, nb, nl, ne);
        gAOut = copyOut(gAOut, gA[0], ne, nn);
        gBOut = copyOut(gBOut, gB[0], nb, nl, nn);
        gCOut = copyOut(gCOut, gC[0], nb, nl, nn);
        gDOut = copyOut(gDOut, gD[0], ne);
        return new Gradients(guOut, gDeltaOut, gAOut, gBOut, gCOut, gDOut);
    }

    private void backwardUnit(int unit) {
        int nl = shapes.length();
        int ne = shapes.channels();
        int nn = shapes.states();
        int bi = unit / chunks;
        int chunk = unit % chunks;
        int e0 = firstChannel(chunk);
        int e1 = firstChannel(chunk + 1);
        double[] gAPart = gA[bi];
        double[] gDPart = gD[bi];
        double[] gBPart = gB[chunk];
        double[] gCPart = gC[chunk];
        // carry[e, n] = dL/dh_t[e, n] through h_{t+1} only, i.e. exp(Δ_{t+1} A) · dL/dh_{t+1}
        double[] carry = new double[(e1 - e0) * nn];
        double[] zeros = new double[nn];
        for (int t = nl - 1; t >= 0; t--) {
            int row = bi * nl + t;
            int bOff = row * nn;
            for (int e = e0; e < e1; e++) {
                int idx = row * ne + e;
                double dt = delta[idx];
                double ue = u[idx];
                double g = gy[idx];
                double dtu = dt * ue;
                int aOff = e * nn;
                int hOff = (e - e0) * nn;
                int sOff = idx * nn;
                double[] prev = t == 0 ? zeros : states;
                int pOff = t == 0 ? 0 : (idx - ne) * nn;
                double gradU = g * d[e];
                double gradDelta = 0;
                for (int n = 0; n < nn; n++) {
                    double an = a[aOff + n];
                    double bn = b[bOff + n];
                    double decay = Math.exp(dt * an);
                    double hPrev = prev[pOff + n];
                    double gh = carry[hOff + n] + g * c[bOff + n];
                    gCPart[bOff + n] += g * states[sOff + n];
                    double gDecayed = gh * decay * hPrev;
                    gradDelta += gDecayed * an + gh * bn * ue;
                    gAPart[aOff + n] += gDecayed * dt;
                    gBPart[bOff + n] += gh * dtu;
                    gradU += gh * dt * bn;
                    carry[hOff + n] = gh * decay;
                }
                gu[idx] = gradU;
                gDelta[idx] = gradDelta;
                gDPart[e] += g * ue;
            }
        }
    }

    private void run(int units, IntConsumer body) {
        if (threads == 1 || units == 1) {
            for (int i = 0; i < units; i++) {
                body.accept(i);
            }
            return;
        }
        if (pool == null) {
            pool = new ForkJoinPool(threads);
        }
        try {
            pool.submit(() -> IntStream.range(0, units).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("selective scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("selective scan failed", e.getCause());
        }
    }

    private INDArray copyOut(INDArray buffer, double[] values, long... shape) {
        INDArray out = Buffers.ensure(buffer, type, shape);
        out.data().setData(values);
        return out;
    }

    private static double[] ensure(double[] current, int length) {
        return current != null && current.length == length ? current : new double[length];
    }

    /** {@code count} zeroed arrays of {@code length}, reusing the previous ones where they fit. */
    private static double[][] partials(double[][] current, int count, int length) {
        double[][] out = current != null && current.length == count ? current : new double[count][];
        for (int i = 0; i < count; i++) {
            if (out[i] == null || out[i].length != length) {
                out[i] = new double[length];
            } else {
                Arrays.fill(out[i], 0.0);
            }
        }
        return out;
    }

    /** Adds every partial into the first one. */
    private static void sumInto(double[][] parts) {
        double[] total = parts[0];
        for (int p = 1; p < parts.length; p++) {
            double[] part = parts[p];
            for (int i = 0; i < total.length; i++) {
                total[i] += part[i];
            }
        }
    }
}
