package org.sparsitystudio.experiments.bench;

import java.util.Map;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.experiments.training.ClassifierTrainer;
import org.sparsitystudio.experiments.training.EpochResult;
import org.sparsitystudio.experiments.training.MlpRecipe;
import org.sparsitystudio.experiments.training.MlpTraining;
import org.sparsitystudio.experiments.training.PhaseTimes;

/**
 * Training throughput of the reference MLP with the protocol of shared/peer/mlp_train.py: warm-up
 * steps on a throw-away model, then epoch 1 of a fresh model timed in full (batch gathering
 * included, test evaluation excluded), and the test accuracy after that epoch. The peer warms up
 * for 50 steps; the JVM's compilers need a few hundred before the loop runs at its steady speed,
 * so the warm-up here is 1,000 steps (epoch 1 itself is unchanged).
 */
public final class MlpTrainingBench {

    /**
     * One workload's figures.
     *
     * @param mask           the mask recipe
     * @param samplesPerSecond training samples per second over epoch 1
     * @param millisPerStep  mean wall time per step over epoch 1
     * @param testAccuracy   after epoch 1
     * @param phaseMillis    mean milliseconds per step by phase
     */
    public record Result(String mask, double samplesPerSecond, double millisPerStep, double testAccuracy,
            Map<PhaseTimes.Phase, Double> phaseMillis) {
    }

    private static final int WARMUP_STEPS = 1000;

    private MlpTrainingBench() {
    }

    public static Result run(FashionMnist data, MlpRecipe recipe) {
        // a full collection first: loading the data set leaves the collector work that otherwise
        // runs beside the first timed epoch and, on two cores, slowed it by a third
        System.gc();
        warmUp(data, recipe);
        MlpTraining training = MlpTraining.prepare(recipe, data);
        EpochResult[] last = new EpochResult[1];
        ClassifierTrainer trainer = training.run((result, samples) -> last[0] = result, () -> false);
        EpochResult r = last[0];
        return new Result(recipe.mask().toString(), r.samplesPerSecond(data.train().size()),
                r.trainSeconds() * 1e3 / r.steps(), r.testAccuracy(), trainer.phaseTimes().millisPerStep());
    }

    private static void warmUp(FashionMnist data, MlpRecipe recipe) {
        MlpTraining throwAway = MlpTraining.prepare(recipe.withSeed(recipe.seed() + 1), data);
        ClassifierTrainer trainer = throwAway.trainer(() -> false);
        Batches batches = throwAway.trainBatches();
        batches.startEpoch(0);
        for (int step = 0; step < WARMUP_STEPS; step++) {
            trainer.trainStep(batches.next(step % batches.batchesPerEpoch()));
        }
    }
}
