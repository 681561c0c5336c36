package org.sparsitystudio.kernels.nm;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.sparsity.NmMasker;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * Runs one N:M training recipe on a set of {@link Linear} layers: before each step it puts the
 * mask and {@link PrunedWeightRule} of the step's phase on every layer, recomputing the masks from
 * the dense weights' magnitudes every {@code recomputeInterval} steps (and whenever the pattern
 * changes); after each backward pass it measures how much gradient reaches kept and pruned
 * weights. {@link #finish()} ends training with the hard target mask.
 *
 * <p>Per method and phase (see {@link NmSchedule}): DENSE never masks; STE, SR-STE and SDGF use
 * binary masks with straight-through gradients ({@code λ_W (1 − E) ⊙ W} added for SR-STE and SDGF);
 * MDGF computes with {@code W ⊙ (E + β(1 − E))}, straight-through, β following the schedule and 0
 * in the fine-tune phase. SDGF is trained with SR-STE's update because Bambhaniya et al. build both
 * decay recipes on SR-STE's binary-mask training; only the pattern changes across its frames.
 *
 * <p>Flip rate: the share of mask entries that changed at a recomputation, against the previous
 * recomputation (a pattern change counts too). Gradient norms: the L2 norm, over all layers
 * together, of the gradient the optimizer receives for the stored weights, split by the current
 * mask; SR-STE's decay term is part of it, since that is what moves pruned weights.
 *
 * <p>Not thread-safe: one controller belongs to one training loop.
 */
public final class NmSparseTraining {

    /**
     * The recipe.
     *
     * @param method            the training method
     * @param pattern           the target N:M pattern
     * @param totalSteps        optimizer steps of the run, the same for every method
     * @param denseFraction     f_d
     * @param fineTuneFraction  f_ft
     * @param recomputeInterval steps between mask recomputations (1: every step)
     * @param lambdaW           SR-STE's λ_W (2e-4 in SCIENCE.md)
     */
    public record Config(NmMethod method, NmPattern pattern, long totalSteps, double denseFraction,
            double fineTuneFraction, int recomputeInterval, double lambdaW) {

        /** Checks the interval and λ_W; the schedule checks the rest. */
        public Config {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pattern, "pattern");
            if (recomputeInterval < 1) {
                throw new IllegalArgumentException("the recompute interval must be ≥ 1, got " + recomputeInterval);
            }
            if (!(lambdaW >= 0 && lambdaW < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("λ_W must be finite and ≥ 0, got " + lambdaW);
            }
        }
    }

    /**
     * What happened since the last {@link #drainStatistics()}.
     *
     * @param flipRate        mean flip rate over the recomputations that had a predecessor, NaN if none
     * @param gradNormKept    mean over steps of the gradient norm on kept weights, NaN if no masked step
     * @param gradNormPruned  mean over steps of the gradient norm on pruned weights, NaN if no masked step
     * @param recomputations  mask recomputations
     * @param maskedSteps     steps whose gradients were measured under a mask
     */
    public record Statistics(double flipRate, double gradNormKept, double gradNormPruned, int recomputations,
            int maskedSteps) {
    }

    private final Config config;
    private final NmSchedule schedule;
    private final List<LayerState> layers = new ArrayList<>();
    private NmPattern currentPattern;
    private boolean masked;
    private boolean finished;
    private boolean hasPrevious;

    private double flipSum;
    private int flipCount;
    private int recomputations;
    private double keptSum;
    private double prunedSum;
    private int maskedSteps;

    /** Controls {@code targets}; nothing is masked until the first {@link #beforeStep(long)}. */
    public NmSparseTraining(List<Linear> targets, Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.schedule = new NmSchedule(config.pattern(), config.totalSteps(), config.denseFraction(),
                config.fineTuneFraction());
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("N:M training needs at least one target layer");
        }
        for (Linear layer : targets) {
            layers.add(new LayerState(layer));
        }
    }

    public Config config() {
        return config;
    }

    public NmSchedule schedule() {
        return schedule;
    }

    /** The layers under control, in the order given. */
    public List<Linear> layers() {
        return layers.stream().map(s -> s.layer).toList();
    }

    /** The pattern masks have at {@code step}, or {@code null} where the step is dense. */
    public NmPattern patternAt(long step) {
        if (config.method() == NmMethod.DENSE || schedule.phase(step) == NmSchedule.Phase.DENSE) {
            return null;
        }
        return config.method() == NmMethod.SDGF ? schedule.structureAt(step) : config.pattern();
    }

    /** β of mask decay at {@code step}: the schedule's for MDGF; 0 for binary-mask methods once sparse. */
    public double betaAt(long step) {
        return switch (config.method()) {
            case DENSE -> 1;
            case MDGF_LINEAR -> schedule.linearBeta(step);
            case MDGF_EXP -> schedule.exponentialBeta(step);
            default -> schedule.phase(step) == NmSchedule.Phase.DENSE ? 1 : 0;
        };
    }

    /** The rule the layers get at {@code step}, or {@code null} where the step is dense. */
    public PrunedWeightRule ruleAt(long step) {
        if (patternAt(step) == null) {
            return null;
        }
        return switch (config.method()) {
            case STE -> PrunedWeightRule.STRAIGHT_THROUGH;
            case SR_STE, SDGF -> PrunedWeightRule.srSte(config.lambdaW());
            case MDGF_LINEAR, MDGF_EXP -> PrunedWeightRule.decayingValue(betaAt(step));
            case DENSE -> throw new IllegalStateException("dense has no rule");
        };
    }

    /** Puts step {@code step}'s masks and rules on the layers; call before its forward pass. */
    public void beforeStep(long step) {
        if (finished) {
            throw new IllegalStateException("training was finished with the hard mask");
        }
        NmPattern pattern = patternAt(step);
        if (pattern == null) {
            if (masked) {
                layers.forEach(s -> s.layer.setMask(null, null));
                masked = false;
            }
            return;
        }
        PrunedWeightRule rule = ruleAt(step);
        boolean recompute = !masked || !pattern.equals(currentPattern)
                || (step - schedule.decayStart()) % config.recomputeInterval() == 0;
        if (recompute) {
            recompute(pattern);
        }
        for (LayerState s : layers) {
            if (recompute || !rule.equals(s.layer.prunedWeightRule())) {
                s.layer.setMask(s.mask, rule);
            }
        }
        masked = true;
    }

    private void recompute(NmPattern pattern) {
        long changed = 0;
        long total = 0;
        for (LayerState s : layers) {
            changed += s.recompute(pattern);
            total += s.current.length;
        }
        if (hasPrevious) {
            flipSum += (double) changed / total;
            flipCount++;
        }
        hasPrevious = true;
        currentPattern = pattern;
        recomputations++;
    }

    /** Measures the gradients that reach kept and pruned weights; call after the backward pass. */
    public void afterBackward() {
        if (!masked) {
            return;
        }
        double kept = 0;
        double pruned = 0;
        for (LayerState s : layers) {
            float[] g = s.gradient();
            float[] e = s.current;
            for (int i = 0; i < g.length; i++) {
                double sq = (double) g[i] * g[i];
                if (e[i] != 0f) {
                    kept += sq;
                } else {
                    pruned += sq;
                }
            }
        }
        keptSum += Math.sqrt(kept);
        prunedSum += Math.sqrt(pruned);
        maskedSteps++;
    }

    /** The statistics since the previous call, and starts counting afresh. */
    public Statistics drainStatistics() {
        Statistics out = new Statistics(flipCount == 0 ? Double.NaN : flipSum / flipCount,
                maskedSteps == 0 ? Double.NaN : keptSum / maskedSteps,
                maskedSteps == 0 ? Double.NaN : prunedSum / maskedSteps, recomputations, maskedSteps);
        flipSum = 0;
        flipCount = 0;
        recomputations = 0;
        keptSum = 0;
        prunedSum = 0;
        maskedSteps = 0;
        return out;
    }

    /**
     * Ends sparse training: every layer gets the target mask recomputed from its final dense
     * weights, with {@link PrunedWeightRule#DROP}, so the stored weights themselves become N:M
     * sparse (β = 0) and evaluation and export see the same model. Does nothing for DENSE.
     */
    public void finish() {
        if (config.method() != NmMethod.DENSE) {
            recompute(config.pattern());
            layers.forEach(s -> s.layer.setMask(s.mask, PrunedWeightRule.DROP));
            masked = true;
        }
        finished = true;
    }

    /** Whether {@link #finish()} was called. */
    public boolean finished() {
        return finished;
    }

    /**
     * The layers in compressed form (values and in-group indices), after {@link #finish()}.
     *
     * @throws IllegalStateException before {@link #finish()} or for DENSE
     */
    public List<NmCompressedLinear> compressed() {
        if (!finished || config.method() == NmMethod.DENSE) {
            throw new IllegalStateException("only a finished sparse run has N:M layers");
        }
        List<NmCompressedLinear> out = new ArrayList<>();
        for (LayerState s : layers) {
            out.add(NmCompressedLinear.fromMasked(s.layer.weight().value(), s.mask,
                    s.layer.bias() == null ? null : s.layer.bias().value(), config.pattern()));
        }
        return out;
    }

    /** One layer's mask, its masker for the current pattern and heap copies for counting. */
    private static final class LayerState {
        final Linear layer;
        final INDArray mask;
        float[] current;
        float[] previous;
        final float[] grad;
        final FloatBuffer maskView;
        final FloatBuffer gradView;
        final DoubleBuffer maskDoubles;
        final DoubleBuffer gradDoubles;
        NmMasker masker;

        LayerState(Linear layer) {
            this.layer = layer;
            INDArray w = layer.weight().value();
            this.mask = w.ulike();
            int n = Math.toIntExact(w.length());
            this.current = new float[n];
            this.previous = new float[n];
            this.grad = new float[n];
            boolean isFloat = w.dataType() == DataType.FLOAT;
            this.maskView = isFloat ? mask.data().asNioFloat() : null;
            this.gradView = isFloat ? layer.weight().grad().data().asNioFloat() : null;
            this.maskDoubles = isFloat ? null : mask.data().asNioDouble();
            this.gradDoubles = isFloat ? null : layer.weight().grad().data().asNioDouble();
        }

        /** Recomputes the mask with {@code pattern}; returns how many entries changed. */
        long recompute(NmPattern pattern) {
            if (masker == null || !masker.pattern().equals(pattern)) {
                masker = new NmMasker(pattern, layer.weight().value(), mask);
            }
            masker.update();
            // the two copies trade places, so the new mask is read without allocating
            float[] older = previous;
            previous = current;
            current = older;
            read(maskView, maskDoubles, current);
            long changed = 0;
            for (int i = 0; i < current.length; i++) {
                if (current[i] != previous[i]) {
                    changed++;
                }
            }
            return changed;
        }

        float[] gradient() {
            read(gradView, gradDoubles, grad);
            return grad;
        }

        private static void read(FloatBuffer floats, DoubleBuffer doubles, float[] into) {
            if (floats != null) {
                floats.get(0, into, 0, into.length);
            } else {
                for (int i = 0; i < into.length; i++) {
                    into[i] = (float) doubles.get(i);
                }
            }
        }
    }
}
