package org.sparsitystudio.experiments.kinds.nm;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sparsitystudio.experiments.spi.DesignPreview;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.kernels.sparsity.NmPattern;

/**
 * The designer's picture of an N:M pattern: twelve rows of example weights masked by the rule the
 * runs use (the N largest magnitudes of every M consecutive inputs, ties to the lower index),
 * computed in plain Java so that it is cheap enough for every keystroke.
 */
final class NmPatternPreview {

    private static final int ROWS = 12;
    /** About this many inputs are drawn: 16 groups of 4, 2 groups of 32. */
    private static final int INPUTS = 64;

    private NmPatternPreview() {
    }

    static DesignPreview of(NmTrialConfig c) {
        NmPattern p = c.pattern();
        int groups = Math.max(2, INPUTS / p.m());
        int cols = groups * p.m();
        float[] mask = new float[ROWS * cols];
        SplittableRandom rng = new SplittableRandom(7);
        double[] magnitude = new double[p.m()];
        for (int r = 0; r < ROWS; r++) {
            for (int g = 0; g < groups; g++) {
                for (int j = 0; j < p.m(); j++) {
                    magnitude[j] = Math.abs(rng.nextGaussian());
                }
                for (int keep = 0; keep < p.n(); keep++) {
                    int best = -1;
                    for (int j = 0; j < p.m(); j++) {
                        if (mask[r * cols + g * p.m() + j] == 0 && (best < 0 || magnitude[j] > magnitude[best])) {
                            best = j;
                        }
                    }
                    mask[r * cols + g * p.m() + best] = 1;
                }
            }
        }
        boolean dense = c.method() == org.sparsitystudio.kernels.nm.NmMethod.DENSE;
        String where = c.architecture() == NmTrialConfig.Architecture.MLP ? "the MLP's hidden layers"
                : switch (c.where()) {
                    case MLP -> "the ViT's MLP blocks";
                    case ATTENTION -> "the ViT's attention projections";
                    default -> "the ViT's MLP blocks and attention projections";
                };
        String summary = dense ? "dense: no mask (the pattern shows what the sparse runs of this design keep)"
                : String.format(Locale.ROOT, "%s keeps %.1f %% of the weights of %s; %s, masks every %d step(s); "
                        + "exported: N values and N one-byte offsets per group", p, 100.0 * p.n() / p.m(), where,
                        c.method(), c.recomputeInterval());
        Matrix picture = new Matrix(p + " pattern", String.format(Locale.ROOT,
                "%d example rows × %d inputs: in every group of %d the %d largest |w| kept", ROWS, cols, p.m(), p.n()),
                Matrix.Style.MASK, ROWS, cols, mask, p.m());
        return new DesignPreview(String.format(Locale.ROOT, "N:M pattern %s", p), "", List.of(), summary, picture);
    }
}
