package org.sparsitystudio.experiments.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.backend.Threads;
import org.sparsitystudio.kernels.mamba.SelectiveScan;

/**
 * The Mamba selective scan timed as shared/peer/selective_scan.py times it: batch 8, length 256,
 * E = 128 channels, N = 16 states, fp32 inputs, forward and forward+backward (gradients for all
 * six inputs), 2 warm-up calls, median of 10.
 *
 * <p>As in the peer, Δ = softplus(δ_raw) is computed inside the timed function, and its
 * derivative is applied to dL/dΔ in the backward, so that both sides return dL/dδ_raw. Inputs
 * follow the peer's recipe: u, B, C, D ~ N(0, 1), δ_raw ~ U(0, 0.5), A[e, n] = −(n + 1). The
 * layout is the studio's time-major [batch, L, E] rather than mamba_ssm's [batch, E, L]; each side
 * is timed in its own native layout, without transposes.
 */
public final class ScanBench {

    /**
     * One measurement.
     *
     * @param batch                 batch size
     * @param length                sequence length L
     * @param channels              channels E (d_inner)
     * @param states                states N (d_state)
     * @param threads               threads of the scan
     * @param forwardMillis         median forward time
     * @param forwardBackwardMillis median forward+backward time
     */
    public record Result(int batch, int length, int channels, int states, int threads, double forwardMillis,
            double forwardBackwardMillis) {

        /** Tokens (batch × length) per second in the forward pass. */
        public double forwardTokensPerSecond() {
            return batch * length / (forwardMillis / 1e3);
        }

        /** Tokens per second in forward+backward. */
        public double forwardBackwardTokensPerSecond() {
            return batch * length / (forwardBackwardMillis / 1e3);
        }

        /** One JSON object with the peer's key names, for side-by-side tables. */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"batch\": %d, \"length\": %d, \"d_inner\": %d, \"d_state\": %d,"
                    + " \"threads\": %d, \"fwd_ms\": %.3f, \"fwdbwd_ms\": %.3f, \"fwd_tokens_per_s\": %.0f,"
                    + " \"fwdbwd_tokens_per_s\": %.0f}", batch, length, channels, states, threads, forwardMillis,
                    forwardBackwardMillis, forwardTokensPerSecond(), forwardBackwardTokensPerSecond());
        }
    }

    private ScanBench() {
    }

    /** The peer's default workload on {@code threads} threads. */
    public static Result run(int threads) {
        return run(8, 256, 128, 16, threads, 2, 10, 0);
    }

    /**
     * Times one configuration.
     *
     * @param warmup  untimed calls before each of the two measurements
     * @param repeats timed calls; the median is reported
     */
    public static Result run(int batch, int length, int channels, int states, int threads, int warmup, int repeats,
            long seed) {
        if (repeats <= 0 || warmup < 0) {
            throw new IllegalArgumentException("need repeats > 0 and warmup ≥ 0, got " + repeats + ", " + warmup);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int tokens = batch * length;
        INDArray u = normal(rng, batch, length, channels);
        float[] deltaRaw = new float[tokens * channels];
        for (int i = 0; i < deltaRaw.length; i++) {
            deltaRaw[i] = (float) (0.5 * rng.nextDouble());
        }
        float[] aValues = new float[channels * states];
        for (int e = 0; e < channels; e++) {
            for (int n = 0; n < states; n++) {
                aValues[e * states + n] = -(n + 1);
            }
        }
        INDArray a = Nd4j.create(aValues, new long[] {channels, states}, DataType.FLOAT);
        INDArray b = normal(rng, batch, length, states);
        INDArray c = normal(rng, batch, length, states);
        INDArray d = normal(rng, channels);
        INDArray gy = normal(rng, batch, length, channels);
        INDArray delta = Nd4j.create(DataType.FLOAT, batch, length, channels);
        float[] deltaValues = new float[deltaRaw.length];
        float[] gradDeltaRaw = new float[deltaRaw.length];
        SelectiveScan scan = SelectiveScan.fast(threads);

        Runnable forward = () -> {
            softplus(deltaRaw, deltaValues);
            delta.data().setData(deltaValues);
            scan.forward(u, delta, a, b, c, d, false);
        };
        Runnable forwardBackward = () -> {
            softplus(deltaRaw, deltaValues);
            delta.data().setData(deltaValues);
            scan.forward(u, delta, a, b, c, d, true);
            SelectiveScan.Gradients g = scan.backward(gy);
            float[] gDelta = g.delta().data().asFloat();
            for (int i = 0; i < gDelta.length; i++) {
                gradDeltaRaw[i] = gDelta[i] * (float) sigmoid(deltaRaw[i]);
            }
        };
        double fwd = medianMillis(forward, warmup, repeats);
        double fwdBwd = medianMillis(forwardBackward, warmup, repeats);
        return new Result(batch, length, channels, states, threads, fwd, fwdBwd);
    }

    /**
     * Command line: {@code ScanBench [--threads N[,M…]] [--json]}; prints one line (or one JSON
     * object) per thread count.
     */
    public static void main(String[] args) {
        int[] threads = {1};
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--json" -> json = true;
                default -> {
                    System.err.println("usage: ScanBench [--threads N[,M...]] [--json]");
                    System.exit(2);
                }
            }
        }
        for (int t : threads) {
            // ND4J only copies data in and out here, but a one-thread figure should still mean
            // one thread everywhere; inside a test JVM this global setting is left alone.
            Threads.use(t);
            Result r = run(t);
            System.out.println(json ? r.toJson() : String.format(Locale.ROOT,
                    "scan b%d L%d E%d N%d, %d thread(s): forward %.2f ms, forward+backward %.2f ms", r.batch(),
                    r.length(), r.channels(), r.states(), t, r.forwardMillis(), r.forwardBackwardMillis()));
        }
        System.exit(0);
    }

    private static double medianMillis(Runnable body, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            body.run();
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        int mid = repeats / 2;
        return repeats % 2 == 1 ? millis[mid] : (millis[mid - 1] + millis[mid]) / 2;
    }

    private static INDArray normal(SplittableRandom rng, long... shape) {
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) gaussian(rng);
        }
        return Nd4j.create(values, shape, DataType.FLOAT);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** softplus(x) = log(1 + eˣ), written to stay finite for large x. */
    private static void softplus(float[] in, float[] out) {
        for (int i = 0; i < in.length; i++) {
            double x = in[i];
            out[i] = (float) (x > 20 ? x : Math.log1p(Math.exp(x)));
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
