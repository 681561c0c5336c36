package org.sparsitystudio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sparsitystudio.experiments.training.CancelledException;
import org.sparsitystudio.experiments.training.DivergedException;
import org.sparsitystudio.experiments.training.EpochResult;
import org.sparsitystudio.experiments.training.MaskRecipe;
import org.sparsitystudio.experiments.training.MlpRecipe;
import org.sparsitystudio.experiments.training.MlpTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains the reference MLP (784-300-100-10 ReLU, Adam 1e-3, batch 128) on Fashion-MNIST headless
 * and prints accuracy per epoch. Ctrl-C stops it cleanly after the current step.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the reference MLP on Fashion-MNIST and print accuracy per epoch.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--hidden", split = ",", defaultValue = "300,100",
            description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation, masks and shuffling.")
    private long seed;

    @Option(names = "--mask", defaultValue = "dense",
            description = "Weight sparsity: dense, random90 (fixed 90%% random mask) or nm24 (2:4 from magnitudes every step).")
    private String mask;

    @Option(names = "--data", description = "Directory with the Fashion-MNIST IDX files (default: the Debian "
            + "package's files if installed, else the embedded subset).")
    private Path data;

    @Option(names = "--embedded", description = "Use the embedded subset even if the full data set is installed.")
    private boolean embedded;

    @Option(names = "--threads", defaultValue = "1",
            description = "Threads for the tensor backend (default: ${DEFAULT-VALUE}; this small MLP is fastest on one).")
    private int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MlpRecipe recipe = new MlpRecipe(hidden, batch, lr, epochs, seed, MaskRecipe.parse(mask), threads);
        AtomicBoolean cancel = new AtomicBoolean();
        try (CtrlC ctrlC = CtrlC.onInterrupt(() -> cancel.set(true))) {
            MlpTraining training = MlpTraining.prepare(recipe, embedded ? MlpTraining.DataChoice.EMBEDDED
                    : MlpTraining.DataChoice.AUTO, data);
            out.println(training.describe());
            out.flush();
            training.run(this::printEpoch, cancel::get);
            return 0;
        } catch (CancelledException e) {
            out.println("cancelled: " + e.getMessage());
            return 130;
        } catch (DivergedException e) {
            out.println("diverged: " + e.getMessage());
            return 3;
        }
    }

    private void printEpoch(EpochResult r, int samples) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT,
                "epoch %d/%d  train loss %.4f  train acc %.2f%%  test acc %.2f%%  %.1f s (%,.0f samples/s)",
                r.epoch(), epochs, r.trainLoss(), 100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.trainSeconds(),
                r.samplesPerSecond(samples)));
        out.flush();
    }
}
