package org.sparsitystudio.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.backend.BackendInfo;
import org.sparsitystudio.kernels.backend.Threads;
import org.sparsitystudio.kernels.monarch.MonarchLinear;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;

/**
 * The Monarch product against the dense one as shared/peer/monarch.py measures them: an
 * {@code n × n} layer without bias, batch 256, fp32; milliseconds per forward call and per
 * forward+backward call (gradients for the input and the weights), median of 20 calls after 5
 * warm-up calls, next to the parameter and FLOP ratios that the timings can be held against.
 *
 * <p>Unlike the peer, which times all Monarch calls and then all dense calls, the two are timed in
 * alternation, one call each per round: on a shared two-core machine the load drifts within a
 * second, and alternating exposes both to the same drift, which matters more for the ratio than
 * for either time.
 */
public final class MonarchBench {

    /** Warm-up calls before timing, as SCIENCE.md §5 states the check. */
    public static final int WARMUP = 5;
    /** Timed calls; the median is reported. */
    public static final int REPEATS = 20;

    /**
     * One size's figures.
     *
     * @param n                   layer size (in = out = n)
     * @param blocks              Monarch blocks b
     * @param batch               rows per call
     * @param denseParameters     n²
     * @param monarchParameters   n(b + n/b) for b dividing n (see {@link MonarchLinear#parameterCount})
     * @param denseForwardMillis  median dense forward
     * @param monarchForwardMillis median Monarch forward
     * @param denseTrainMillis    median dense forward+backward
     * @param monarchTrainMillis  median Monarch forward+backward
     */
    public record Result(int n, int blocks, int batch, long denseParameters, long monarchParameters,
            double denseForwardMillis, double monarchForwardMillis, double denseTrainMillis,
            double monarchTrainMillis) {

        /** Dense over Monarch parameters. */
        public double parameterRatio() {
            return (double) denseParameters / monarchParameters;
        }

        /** Dense over Monarch forward FLOPs; without a bias it equals the parameter ratio, forward and backward alike. */
        public double flopRatio() {
            return (double) MonarchBench.denseFlopsPerRow(n) / MonarchLinear.forwardFlopsPerRow(n, n, blocks, false);
        }

        /** Dense time over Monarch time, forward. */
        public double forwardSpeedup() {
            return denseForwardMillis / monarchForwardMillis;
        }

        /** Dense time over Monarch time, forward+backward. */
        public double trainSpeedup() {
            return denseTrainMillis / monarchTrainMillis;
        }
    }

    private MonarchBench() {
    }

    static long denseFlopsPerRow(int n) {
        return 2L * n * n;
    }

    /**
     * √n rounded to a power of two in the log (halves round up): the block count with the fewest
     * parameters, n(b + n/b), among those that divide a power-of-two n. For n = 2048 both 32 and
     * 64 give that minimum; 64 is taken.
     */
    public static int defaultBlocks(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        long exponent = Math.round(Math.log(n) / Math.log(2) / 2);
        return 1 << exponent;
    }

    /** Measures each size with its block count from {@code blocksFor}. */
    public static List<Result> run(int batch, int[] sizes, IntUnaryOperator blocksFor) {
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            results.add(measure(n, blocksFor.applyAsInt(n), batch));
        }
        return results;
    }

    /**
     * Sets the threads as {@link #main} does, products on {@code blas} threads and element-wise
     * ops and copies on {@code elementwise}, then measures each size with {@code blocks} blocks
     * ({@code 0}: {@link #defaultBlocks} per size), handing each result to {@code progress} as it
     * finishes. For callers above the kernel layer, which may not set ND4J's threads themselves.
     */
    public static List<Result> run(int batch, int[] sizes, int blocks, int blas, int elementwise,
            Consumer<Result> progress) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must be positive (or 0 for about √n), got " + blocks);
        }
        for (int n : sizes) {
            if (n < 1) {
                throw new IllegalArgumentException("Monarch sizes must be positive, got " + n);
            }
        }
        Threads.use(elementwise, blas);
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            Result r = measure(n, blocks > 0 ? blocks : defaultBlocks(n), batch);
            results.add(r);
            progress.accept(r);
        }
        return results;
    }

    /** Measures one size. */
    public static Result measure(int n, int blocks, int batch) {
        SplittableRandom rng = new SplittableRandom(n * 31L + blocks);
        Linear dense = new Linear(n, n, false, DataType.FLOAT, rng);
        MonarchLinear monarch = new MonarchLinear(n, n, blocks, false, DataType.FLOAT, rng);
        INDArray x = Init.normal(DataType.FLOAT, rng, 1.0, batch, n);
        INDArray gy = Init.normal(DataType.FLOAT, rng, 1.0, batch, n);
        double[][] forward = alternate(() -> dense.forward(x, false), () -> monarch.forward(x, false));
        double[][] train = alternate(() -> step(dense, x, gy), () -> step(monarch, x, gy));
        return new Result(n, blocks, batch, (long) n * n, MonarchLinear.parameterCount(n, n, blocks),
                Timing.median(forward[0]), Timing.median(forward[1]), Timing.median(train[0]), Timing.median(train[1]));
    }

    private static void step(Layer layer, INDArray x, INDArray gy) {
        layer.forward(x, true);
        layer.backward(gy);
    }

    /** Times {@code a} and {@code b} in alternation; returns their milliseconds per call. */
    private static double[][] alternate(Runnable a, Runnable b) {
        for (int i = 0; i < WARMUP; i++) {
            a.run();
            b.run();
        }
        double[][] millis = new double[2][REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            millis[0][i] = Timing.millis(a);
            millis[1][i] = Timing.millis(b);
        }
        return millis;
    }

    /** The results as a plain-text table, one size per line. */
    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%6s %4s %5s %12s %12s %7s %7s | %9s %9s %7s | %9s %9s %7s%n", "n", "b", "batch", "dense par",
                "monarch par", "par x", "flop x", "fwd dense", "fwd mon", "speedup", "f+b dense", "f+b mon",
                "speedup"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT,
                    "%6d %4d %5d %,12d %,12d %7.1f %7.1f | %9.3f %9.3f %7.2f | %9.3f %9.3f %7.2f%n", r.n(), r.blocks(),
                    r.batch(), r.denseParameters(), r.monarchParameters(), r.parameterRatio(), r.flopRatio(),
                    r.denseForwardMillis(), r.monarchForwardMillis(), r.forwardSpeedup(), r.denseTrainMillis(),
                    r.monarchTrainMillis(), r.trainSpeedup()));
        }
        return out.toString();
    }

    /**
     * Prints the table. Options: {@code --sizes 1024,2048,4096}, {@code --batch 256},
     * {@code --blocks B} (default {@link #defaultBlocks} per size), {@code --threads T} for the
     * products (default all cores, as the peer's default; large products gain from every core) and
     * {@code --elementwise E} for ND4J's element-wise ops and copies (default 1: the Monarch
     * layer's regrouping copies are too small to gain from a second thread, and on a loaded
     * two-core machine waiting for it cost more than the copy).
     */
    public static void main(String[] args) {
        int[] sizes = {1024, 2048, 4096};
        int batch = 256;
        int blocks = 0;
        int threads = Threads.available();
        int elementwise = 1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                case "--batch" -> batch = Integer.parseInt(value);
                case "--blocks" -> blocks = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--elementwise" -> elementwise = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--sizes N,N,... --batch B --blocks B --threads T --elementwise E)");
            }
            i++;
        }
        Threads.use(elementwise, threads);
        int fixed = blocks;
        List<Result> results = run(batch, sizes, n -> fixed > 0 ? fixed : defaultBlocks(n));
        System.out.println(BackendInfo.current().summary() + ", BLAS threads " + threads + ", element-wise threads "
                + elementwise);
        System.out.print(table(results));
    }
}
