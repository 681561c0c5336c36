package org.sparsitystudio.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparsitystudio.kernels.backend.BackendInfo;
import org.sparsitystudio.kernels.backend.Threads;
import org.sparsitystudio.kernels.nm.NmCompressedLinear;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * The compressed N:M product ({@link NmCompressedLinear}, plain Java) against the dense product of
 * the same shape ({@code Nd4j.gemm} into a preallocated output, the BLAS the studio trains with):
 * an {@code n × n} layer without bias, fp32, milliseconds per forward call, median of the timed
 * calls after warm-up, next to the theoretical FLOP reduction M/N. Both read the same input and
 * write into preallocated outputs, so neither pays for allocation or copies.
 *
 * <p>Dense and sparse calls alternate, one each per round, so that drifting load on a shared
 * machine hits both alike (as in {@link MonarchBench}).
 */
public final class NmBench {

    /**
     * One shape and pattern.
     *
     * @param n           layer size (in = out = n)
     * @param batch       rows per call
     * @param pattern     the N:M pattern
     * @param denseMillis median dense forward
     * @param nmMillis    median compressed N:M forward
     */
    public record Result(int n, int batch, NmPattern pattern, double denseMillis, double nmMillis) {

        /** Dense over N:M FLOPs, M/N: what a kernel that skips every pruned weight could gain at most. */
        public double flopReduction() {
            return (double) pattern.m() / pattern.n();
        }

        /** Dense time over N:M time; below 1 the compressed form is slower. */
        public double speedup() {
            return denseMillis / nmMillis;
        }

        /** Dense GFLOP/s (2·batch·n² per call). */
        public double denseGflops() {
            return 2.0 * batch * n * n / (denseMillis * 1e6);
        }

        /** N:M GFLOP/s counting only the kept weights' work. */
        public double nmGflops() {
            return 2.0 * batch * n * n / flopReduction() / (nmMillis * 1e6);
        }
    }

    private NmBench() {
    }

    /** Measures every size at every pattern. */
    public static List<Result> run(int batch, int[] sizes, List<NmPattern> patterns, int warmup, int repeats) {
        List<Result> out = new ArrayList<>();
        for (int n : sizes) {
            for (NmPattern p : patterns) {
                out.add(measure(n, batch, p, warmup, repeats));
            }
        }
        return out;
    }

    /**
     * Measures every size at every pattern written as {@code N:M}, with {@code threads} BLAS threads
     * for the dense product, 3 warm-up and 9 timed calls each.
     *
     * @throws IllegalArgumentException for a pattern that is not N:M with 0 &lt; N &lt; M
     */
    public static List<Result> run(int batch, int[] sizes, List<String> patterns, int threads) {
        List<NmPattern> parsed = patterns.stream().map(NmPattern::parse).toList();
        Threads.use(threads);
        return run(batch, sizes, parsed, 3, 9);
    }

    /** Measures one size and pattern. */
    public static Result measure(int n, int batch, NmPattern pattern, int warmup, int repeats) {
        SplittableRandom rng = new SplittableRandom(n * 131L + pattern.m() * 7L + pattern.n());
        INDArray w = Init.uniform(DataType.FLOAT, rng, 1 / Math.sqrt(n), n, n);
        INDArray x = Init.normal(DataType.FLOAT, rng, 1.0, batch, n);
        INDArray y = Nd4j.create(DataType.FLOAT, batch, n);
        NmCompressedLinear nm = NmCompressedLinear.fromDense(w, null, pattern);
        float[] xs = x.data().asFloat();
        float[] ys = new float[batch * n];
        Runnable dense = () -> Nd4j.gemm(x, w, y, false, true, 1.0, 0.0);
        Runnable sparse = () -> nm.forward(xs, batch, ys);
        for (int i = 0; i < warmup; i++) {
            dense.run();
            sparse.run();
        }
        double[] d = new double[repeats];
        double[] s = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            d[i] = Timing.millis(dense);
            s[i] = Timing.millis(sparse);
        }
        return new Result(n, batch, pattern, Timing.median(d), Timing.median(s));
    }

    /** The results as a plain-text table, one size and pattern per line. */
    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%6s %5s %6s %8s | %10s %10s %8s | %9s %9s%n",
                "n", "batch", "N:M", "flop x", "dense ms", "N:M ms", "speedup", "dense GF", "N:M GF"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%6d %5d %6s %8.1f | %10.3f %10.3f %8.3f | %9.1f %9.2f%n", r.n(),
                    r.batch(), r.pattern(), r.flopReduction(), r.denseMillis(), r.nmMillis(), r.speedup(),
                    r.denseGflops(), r.nmGflops()));
        }
        return out.toString();
    }

    /**
     * Prints the table. Options: {@code --sizes 1024,4096}, {@code --batch 256},
     * {@code --patterns 2:4,1:8,1:32}, {@code --warmup 3}, {@code --repeats 9}, {@code --threads T}
     * (BLAS threads for the dense product; the N:M kernel uses the common fork-join pool, sized
     * from the cores).
     */
    public static void main(String[] args) {
        int[] sizes = {1024, 4096};
        int batch = 256;
        List<NmPattern> patterns = List.of(new NmPattern(2, 4), new NmPattern(1, 8), new NmPattern(1, 32));
        int warmup = 3;
        int repeats = 9;
        int threads = Threads.available();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
                case "--batch" -> batch = Integer.parseInt(value);
                case "--patterns" -> patterns = Arrays.stream(value.split(",")).map(NmPattern::parse).toList();
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--sizes N,N --batch B --patterns 2:4,1:8 --warmup W --repeats R --threads T)");
            }
            i++;
        }
        Threads.use(threads);
        List<Result> results = run(batch, sizes, patterns, warmup, repeats);
        System.out.println(BackendInfo.current().summary() + ", BLAS threads " + threads + ", fork-join parallelism "
                + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        System.out.print(table(results));
    }
}
