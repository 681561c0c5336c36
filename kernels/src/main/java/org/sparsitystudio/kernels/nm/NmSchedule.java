package org.sparsitystudio.kernels.nm;

import java.util.ArrayList;
import java.util.List;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * The time line of progressive N:M training (SCIENCE.md §4): a dense phase {@code [0, f_d)}, a
 * decay phase {@code [f_d, 1 − f_ft)} and a fine-tune phase with the hard target mask, as shares
 * of {@code totalSteps} optimizer steps. Boundaries are rounded to the nearest step.
 *
 * <p>Mask decay uses {@code t} = steps since the decay phase began and {@code T_decay} = length of
 * the decay phase, with SCIENCE.md's rates: linear {@code β = max(0, 1 − t/T_decay)}, exponential
 * {@code β = exp(−t · ln 100 / T_decay)}, so β reaches 0 (linear) or 0.01 (exponential) where the
 * decay ends; from there β is 0. Structure decay cuts the decay phase into equal frames, one per
 * pattern of {@link #structureFrames()}; the fine-tune phase keeps the target pattern.
 */
public final class NmSchedule {

    /** Where a step lies on the time line. */
    public enum Phase {
        /** No mask yet. */
        DENSE,
        /** β decays (MDGF) or the pattern tightens frame by frame (SDGF). */
        DECAY,
        /** The hard target mask, β = 0. */
        FINE_TUNE
    }

    private final NmPattern target;
    private final long totalSteps;
    private final long decayStart;
    private final long decayEnd;
    private final List<NmPattern> frames;

    /**
     * @param target           the N:M pattern training ends with
     * @param totalSteps       optimizer steps of the whole run
     * @param denseFraction    f_d, share of steps trained dense first
     * @param fineTuneFraction f_ft, share of steps at the end with the hard target mask
     */
    public NmSchedule(NmPattern target, long totalSteps, double denseFraction, double fineTuneFraction) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step, got " + totalSteps);
        }
        if (!(denseFraction >= 0 && fineTuneFraction >= 0 && denseFraction + fineTuneFraction <= 1)) {
            throw new IllegalArgumentException("f_d and f_ft must be ≥ 0 with f_d + f_ft ≤ 1, got " + denseFraction
                    + " and " + fineTuneFraction);
        }
        this.target = target;
        this.totalSteps = totalSteps;
        this.decayStart = Math.round(denseFraction * totalSteps);
        this.decayEnd = Math.max(decayStart, Math.round((1 - fineTuneFraction) * totalSteps));
        this.frames = structureFrames(target);
    }

    /**
     * SDGF's patterns for {@code target}: (M−1):M, then M/2, M/4, … kept of M while more than N,
     * then N:M; for 1:16 that is 15, 8, 4, 2, 1 of 16 — log₂(M/N) + 1 frames when M/N is a power
     * of two. Duplicates (as in 3:4, where M − 1 = N) appear once.
     */
    public static List<NmPattern> structureFrames(NmPattern target) {
        int m = target.m();
        List<Integer> kept = new ArrayList<>();
        kept.add(m - 1);
        for (int k = m / 2; k > target.n(); k /= 2) {
            if (k < kept.get(kept.size() - 1)) {
                kept.add(k);
            }
        }
        if (kept.get(kept.size() - 1) != target.n()) {
            kept.add(target.n());
        }
        List<NmPattern> out = new ArrayList<>();
        kept.forEach(n -> out.add(new NmPattern(n, m)));
        return List.copyOf(out);
    }

    public NmPattern target() {
        return target;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** First step of the decay phase (the first sparse step). */
    public long decayStart() {
        return decayStart;
    }

    /** First step of the fine-tune phase. */
    public long decayEnd() {
        return decayEnd;
    }

    /** T_decay, the length of the decay phase in steps (may be 0). */
    public long decaySteps() {
        return decayEnd - decayStart;
    }

    /** SDGF's patterns, sparsest last; see {@link #structureFrames(NmPattern)}. */
    public List<NmPattern> frames() {
        return frames;
    }

    /** The phase of 0-based step {@code step}. */
    public Phase phase(long step) {
        if (step < decayStart) {
            return Phase.DENSE;
        }
        return step < decayEnd ? Phase.DECAY : Phase.FINE_TUNE;
    }

    /** α of linear decay, 1/T_decay (infinite without a decay phase). */
    public double linearAlpha() {
        return 1.0 / decaySteps();
    }

    /** α of exponential decay, ln 100 / T_decay (infinite without a decay phase). */
    public double exponentialAlpha() {
        return Math.log(100) / decaySteps();
    }

    /** Linear β at {@code step}: 1 while dense, {@code max(0, 1 − αt)} in the decay, then 0. */
    public double linearBeta(long step) {
        return switch (phase(step)) {
            case DENSE -> 1;
            case DECAY -> Math.max(0, 1 - linearAlpha() * (step - decayStart));
            case FINE_TUNE -> 0;
        };
    }

    /** Exponential β at {@code step}: 1 while dense, {@code exp(−αt)} in the decay, then 0. */
    public double exponentialBeta(long step) {
        return switch (phase(step)) {
            case DENSE -> 1;
            case DECAY -> Math.exp(-exponentialAlpha() * (step - decayStart));
            case FINE_TUNE -> 0;
        };
    }

    /** SDGF's frame index at {@code step} in the decay phase: {@code ⌊t·K/T_decay⌋}. */
    public int frame(long step) {
        if (phase(step) != Phase.DECAY) {
            throw new IllegalArgumentException("step " + step + " is not in the decay phase [" + decayStart + ", "
                    + decayEnd + ")");
        }
        return (int) ((step - decayStart) * frames.size() / decaySteps());
    }

    /** First step of SDGF frame {@code k}. */
    public long frameStart(int k) {
        if (k < 0 || k >= frames.size()) {
            throw new IllegalArgumentException("frame " + k + " of " + frames.size());
        }
        // the smallest t with ⌊t·K/D⌋ ≥ k is ⌈k·D/K⌉
        long d = decaySteps();
        int count = frames.size();
        return decayStart + (k * d + count - 1) / count;
    }

    /**
     * SDGF's pattern at {@code step}: {@code null} while dense, the frame's pattern in the decay,
     * the target in the fine-tune phase.
     */
    public NmPattern structureAt(long step) {
        return switch (phase(step)) {
            case DENSE -> null;
            case DECAY -> frames.get(frame(step));
            case FINE_TUNE -> target;
        };
    }
}
