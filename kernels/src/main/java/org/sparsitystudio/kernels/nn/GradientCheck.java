package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference gradient check of a layer's backward pass, by definition: with a fixed random
 * upstream gradient G the scalar {@code L = Σ G ⊙ f(x)} has dL/dx = backward(G), and every entry
 * of the analytic gradient is compared with the central difference {@code (L(θ+h) − L(θ−h)) / 2h}.
 * Run it in double precision.
 */
public final class GradientCheck {

    /** One failed comparison. */
    public record Mismatch(String tensor, long index, double analytic, double numeric) {
    }

    private final double step;
    private final double relTolerance;
    private final double absTolerance;
    private final int maxEntriesPerTensor;

    public GradientCheck(double step, double relTolerance, double absTolerance, int maxEntriesPerTensor) {
        this.step = step;
        this.relTolerance = relTolerance;
        this.absTolerance = absTolerance;
        this.maxEntriesPerTensor = maxEntriesPerTensor;
    }

    /** Defaults for double precision: h = 1e-6, relative error 1e-5, absolute 1e-8, 200 entries. */
    public static GradientCheck standard() {
        return new GradientCheck(1e-6, 1e-5, 1e-8, 200);
    }

    /**
     * Checks input and parameter gradients of {@code layer} at {@code input}.
     *
     * @param training passed to forward (deterministic layers only, e.g. dropout with a fixed mask)
     * @return the mismatches; empty when the backward pass agrees with the definition
     */
    public List<Mismatch> check(Layer layer, INDArray input, boolean training, long seed) {
        if (input.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need double precision, got " + input.dataType());
        }
        INDArray x = input.dup();
        INDArray out = layer.forward(x, training);
        INDArray g = Init.normal(DataType.DOUBLE, new SplittableRandom(seed), 1.0, out.shape());
        INDArray gradInput = layer.backward(g).dup();
        List<INDArray> analytic = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            analytic.add(p.grad().dup());
        }
        Supplier<Double> loss = () -> layer.forward(x, training).mul(g).sumNumber().doubleValue();

        List<Mismatch> mismatches = new ArrayList<>();
        compare("input", x, gradInput, loss, seed, mismatches);
        List<Parameter> params = layer.parameters();
        for (int i = 0; i < params.size(); i++) {
            compare(params.get(i).name(), params.get(i).value(), analytic.get(i), loss, seed + i + 1, mismatches);
        }
        return mismatches;
    }

    private void compare(String name, INDArray tensor, INDArray analytic, Supplier<Double> loss, long seed,
            List<Mismatch> mismatches) {
        long n = tensor.length();
        SplittableRandom pick = new SplittableRandom(seed);
        INDArray flat = tensor.reshape(n);
        INDArray flatGrad = analytic.reshape(n);
        long count = Math.min(n, maxEntriesPerTensor);
        for (long k = 0; k < count; k++) {
            long i = n <= maxEntriesPerTensor ? k : pick.nextLong(n);
            double original = flat.getDouble(i);
            flat.putScalar(i, original + step);
            double plus = loss.get();
            flat.putScalar(i, original - step);
            double minus = loss.get();
            flat.putScalar(i, original);
            double numeric = (plus - minus) / (2 * step);
            double a = flatGrad.getDouble(i);
            double diff = Math.abs(a - numeric);
            if (diff > absTolerance && diff > relTolerance * Math.max(Math.abs(a), Math.abs(numeric))) {
                mismatches.add(new Mismatch(name, i, a, numeric));
            }
        }
    }
}
