package org.sparsitystudio.experiments.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.StepHook;
import org.sparsitystudio.kernels.nn.Init;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * This machine's training speed, measured before a study starts on a few steps of two MLPs (a
 * tiny one, whose step is all fixed overhead, and the reference 784-300-100-10) on random data:
 * a step costs {@code perStep + perFlop · FLOPs}. Small networks are dominated by the first term,
 * large ones by the second, so a FLOP rate alone underestimates a sweep over widths. Takes about
 * a second.
 *
 * @param secondsPerStep  fixed cost of one training step
 * @param secondsPerFlop  cost of one training FLOP
 */
public record MeasuredRate(double secondsPerStep, double secondsPerFlop) {

    /** Measures both terms on this machine. */
    public static MeasuredRate measure() {
        double tiny = medianStepSeconds(new int[] {8});
        double reference = medianStepSeconds(new int[] {300, 100});
        double tinyFlops = flopsPerStep(new int[] {8});
        double referenceFlops = flopsPerStep(new int[] {300, 100});
        double perFlop = Math.max(0, (reference - tiny) / (referenceFlops - tinyFlops));
        return new MeasuredRate(Math.max(0, tiny - perFlop * tinyFlops), perFlop);
    }

    /** Seconds for {@code steps} steps that together cost {@code flops} training FLOPs. */
    public double seconds(long steps, double flops) {
        return steps * secondsPerStep + flops * secondsPerFlop;
    }

    private static double flopsPerStep(int[] hidden) {
        long weights = 0;
        long biases = 0;
        int previous = 784;
        for (int h : hidden) {
            weights += (long) previous * h;
            biases += h;
            previous = h;
        }
        weights += previous * 10L;
        biases += 10;
        return 3.0 * (2 * weights + biases) * 128;
    }

    private static double medianStepSeconds(int[] hidden) {
        Sequential model = Mlp.of(784, hidden, 10, DataType.FLOAT, 1);
        ClassifierTrainer trainer = new ClassifierTrainer(model, Adam.adam(model.parameters()), Schedule.constant(1e-3),
                StepHook.NONE, () -> false);
        SplittableRandom rng = new SplittableRandom(1);
        INDArray x = Init.normal(DataType.FLOAT, rng, 1.0, 128, 784);
        int[] labels = new int[128];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        Batches.Batch batch = new Batches.Batch(x, labels, 128);
        for (int i = 0; i < 100; i++) {
            trainer.trainStep(batch);
        }
        double[] seconds = new double[50];
        for (int i = 0; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            trainer.trainStep(batch);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(seconds);
        return seconds[seconds.length / 2];
    }
}
