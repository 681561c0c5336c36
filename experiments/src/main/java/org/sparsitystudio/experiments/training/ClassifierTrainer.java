package org.sparsitystudio.experiments.training;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.Batches.Batch;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.SoftmaxCrossEntropy;
import org.sparsitystudio.kernels.optim.Optimizer;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * Trains a classifier with softmax cross-entropy: per step the hook runs, then forward, loss,
 * backward and one optimizer update. Cancellation is checked before every step; a non-finite loss
 * ends training with {@link DivergedException}.
 */
public final class ClassifierTrainer {

    /** Receives every step's loss, e.g. for progress reporting. */
    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = (step, loss) -> { };

        void afterStep(long step, double loss);
    }

    private final Layer model;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final StepHook hook;
    private final BooleanSupplier cancelled;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private final PhaseTimes times = new PhaseTimes();
    private StepListener listener = StepListener.NONE;
    private long step;

    public ClassifierTrainer(Layer model, Optimizer optimizer, Schedule schedule, StepHook hook,
            BooleanSupplier cancelled) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        // the input images need no gradient: saves the largest product of the backward pass
        model.setInputGradientRequired(false);
    }

    public ClassifierTrainer onStep(StepListener stepListener) {
        this.listener = Objects.requireNonNull(stepListener, "stepListener");
        return this;
    }

    /** Where the steps' time went so far. */
    public PhaseTimes phaseTimes() {
        return times;
    }

    /** Global optimizer steps taken so far. */
    public long step() {
        return step;
    }

    /**
     * Trains one epoch over {@code train} (whose order is set by {@code epoch}) and evaluates on
     * {@code test}.
     *
     * @param epoch 1-based epoch number
     */
    public EpochResult trainEpoch(int epoch, Batches train, Batches test) {
        long start = System.nanoTime();
        train.startEpoch(epoch - 1);
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        int batches = train.batchesPerEpoch();
        for (int b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            Batch batch = train.next(b);
            times.add(PhaseTimes.Phase.BATCH, System.nanoTime() - t0);
            double value = trainStep(batch);
            lossSum += value;
            correct += loss.correct();
            samples += batch.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = evaluate(test);
        return new EpochResult(epoch, lossSum / batches, (double) correct / samples, accuracy, batches, seconds);
    }

    /** One optimizer step on {@code batch}; returns its loss. */
    public double trainStep(Batch batch) {
        if (cancelled.getAsBoolean()) {
            throw new CancelledException(step);
        }
        long t0 = System.nanoTime();
        hook.beforeStep(step);
        long t1 = System.nanoTime();
        INDArray logits = model.forward(batch.features(), true);
        double value = loss.forward(logits, batch.labels());
        if (!Double.isFinite(value)) {
            throw new DivergedException(step, value);
        }
        long t2 = System.nanoTime();
        model.backward(loss.gradient());
        long t3 = System.nanoTime();
        optimizer.step(schedule.lr(step));
        long t4 = System.nanoTime();
        times.add(PhaseTimes.Phase.HOOK, t1 - t0);
        times.add(PhaseTimes.Phase.FORWARD, t2 - t1);
        times.add(PhaseTimes.Phase.BACKWARD, t3 - t2);
        times.add(PhaseTimes.Phase.OPTIMIZER, t4 - t3);
        times.countStep();
        listener.afterStep(step, value);
        step++;
        return value;
    }

    /** Share of {@code data}'s samples whose largest logit is their label. */
    public double evaluate(Batches data) {
        data.startEpoch(0);
        long correct = 0;
        long samples = 0;
        for (int b = 0; b < data.batchesPerEpoch(); b++) {
            Batch batch = data.next(b);
            loss.forward(model.forward(batch.features(), false), batch.labels());
            correct += loss.correct();
            samples += batch.size();
        }
        return samples == 0 ? Double.NaN : (double) correct / samples;
    }
}
