package org.sparsitystudio.experiments.spi;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A real but tiny kind for tests: gradient descent on f(x) = ½ Σ cᵢ xᵢ² from a seeded random
 * start, with optional momentum. Registered only in the test class path's META-INF/services, so
 * discovery is tested against a kind that really runs, without a stub in main.
 */
public final class ToyQuadraticKind implements ExperimentKind {

    public static final String ID = "toy-quadratic";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.intParam("dimension", 8).range(1, 1000).unit("coordinates")
                    .help("Number of coordinates of x.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.numberListParam("curvatures", List.of(1.0, 10.0)).range(0.01, 100)
                    .help("Curvatures cᵢ, repeated cyclically over the coordinates.").group(ParameterGroup.MODEL).build(),
            ParameterSpec.doubleParam("learningRate", 0.05).range(0.0001, 1).label("Learning rate")
                    .help("Step size of gradient descent.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.intParam("steps", 20).range(1, 10_000).unit("steps")
                    .help("Number of gradient steps.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.choiceParam("optimizer", "gd", "gd", "momentum")
                    .help("Plain gradient descent or heavy-ball momentum 0.9.").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.booleanParam("clipGradient", false)
                    .help("Clip each gradient coordinate to [-1, 1].").group(ParameterGroup.TRAINING).build(),
            ParameterSpec.doubleParam("sparsity", 0).range(0, 0.99).unit("fraction")
                    .help("Fraction of coordinates frozen at zero.").group(ParameterGroup.SPARSITY).build());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Toy quadratic";
    }

    @Override
    public String description() {
        return "Gradient descent on a diagonal quadratic; exists to test the SPI.";
    }

    @Override
    public String paper() {
        return "";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.perStep("loss", ""), MetricSpec.result("finalLoss", ""));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new ChartSpec("Loss", ChartSpec.STEP, "loss", "optimizer", false, true),
                new ChartSpec("Final loss vs sparsity", "sparsity", "finalLoss", null, false, true));
    }

    @Override
    public Design defaultDesign() {
        return Design.of(ID).withAxis("sparsity", 0.0, 0.5).withAxis(SweepAxis.seeds(1, 2));
    }

    @Override
    public CostEstimate estimate(RunSpec run) {
        long steps = run.intValue("steps");
        return CostEstimate.of(4.0 * run.intValue("dimension") * steps, steps);
    }

    @Override
    public RunResult run(RunSpec spec, RunContext context) {
        int n = spec.intValue("dimension");
        List<Double> c = spec.numberList("curvatures");
        double lr = spec.doubleValue("learningRate");
        int steps = spec.intValue("steps");
        double beta = spec.choice("optimizer").equals("momentum") ? 0.9 : 0;
        boolean clip = spec.booleanValue("clipGradient");
        SplittableRandom random = new SplittableRandom(spec.seed());
        double[] x = new double[n];
        boolean[] frozen = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-1, 1);
            frozen[i] = random.nextDouble() < spec.doubleValue("sparsity");
            if (frozen[i]) {
                x[i] = 0;
            }
        }
        double[] v = new double[n];
        double loss = loss(x, c);
        for (int t = 0; t < steps; t++) {
            context.throwIfCancelled();
            for (int i = 0; i < n; i++) {
                if (frozen[i]) {
                    continue;
                }
                double g = c.get(i % c.size()) * x[i];
                if (clip) {
                    g = Math.max(-1, Math.min(1, g));
                }
                v[i] = beta * v[i] + g;
                x[i] -= lr * v[i];
            }
            loss = loss(x, c);
            context.metric("loss", t, loss);
            context.progress((t + 1) / (double) steps);
        }
        context.log("done after " + steps + " steps");
        return RunResult.empty().with("finalLoss", loss);
    }

    private static double loss(double[] x, List<Double> c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += 0.5 * c.get(i % c.size()) * x[i] * x[i];
        }
        return s;
    }
}
