package org.sparsitystudio.experiments.kinds.monarch;

import java.util.List;
import java.util.Locale;
import org.sparsitystudio.experiments.spi.DesignPreview;
import org.sparsitystudio.experiments.spi.Matrix;
import org.sparsitystudio.kernels.monarch.MonarchFactors;

/**
 * The designer's picture of a Monarch layer: the block-diagonal structure of its factor R (kept
 * blocks light), drawn at most 256 entries a side, and the weights each layer choice would spend
 * on it, so the equal-parameter comparison is visible before anything runs.
 */
final class MonarchStructurePreview {

    private static final int SIDE = 256;

    private MonarchStructurePreview() {
    }

    static DesignPreview of(MonarchConfig c) {
        boolean vit = c.architecture() == MonarchConfig.Architecture.VIT;
        int in = vit ? StructuredVit.WIDTH : c.hidden();
        int out = vit ? StructuredVit.MLP_HIDDEN : c.hidden();
        String layer = vit ? "the ViT's fc1 " + in + " → " + out : "a hidden layer " + in + " → " + out;
        int b = c.blocks();
        long dense = (long) in * out;
        long budget = StructuredMlp.budget(in, out, b);
        int rank = StructuredMlp.lowRank(in, out, b);
        List<DesignPreview.Bar> bars = List.of(
                new DesignPreview.Bar("dense", dense / 1000.0, String.format(Locale.ROOT, "%,d weights", dense)),
                new DesignPreview.Bar("Monarch", budget / 1000.0,
                        String.format(Locale.ROOT, "%,d weights in R and L", budget)),
                new DesignPreview.Bar("random", budget / 1000.0,
                        String.format(Locale.ROOT, "%,d weights kept at random: the Monarch budget", budget)),
                new DesignPreview.Bar("rank " + rank, (double) rank * (in + out) / 1000.0,
                        String.format(Locale.ROOT, "%,d weights, rank %d", (long) rank * (in + out), rank)));
        int mIn = MonarchFactors.blockSize(in, b);
        int mOut = MonarchFactors.blockSize(out, b);
        String summary = String.format(Locale.ROOT, "%s: R has %d blocks of %d × %d, L %d blocks of %d × %d; "
                + "%,d of %,d weights (%.1f %%), FLOPs in the same ratio", layer, b, mOut, mIn, mOut, b, b, budget,
                dense, 100.0 * budget / dense);
        Matrix picture = b > SIDE ? null : blocks(b, mOut, mIn);
        return new DesignPreview("Monarch layer structure, b = " + b, "thousand weights", bars, summary, picture);
    }

    /** R's nonzero pattern, each block drawn with at most 256 / b entries a side. */
    static Matrix blocks(int b, int mOut, int mIn) {
        int kOut = Math.max(1, Math.min(mOut, SIDE / b));
        int kIn = Math.max(1, Math.min(mIn, SIDE / b));
        int rows = b * kOut;
        int cols = b * kIn;
        float[] v = new float[rows * cols];
        for (int i = 0; i < b; i++) {
            for (int r = 0; r < kOut; r++) {
                for (int col = 0; col < kIn; col++) {
                    v[(i * kOut + r) * cols + i * kIn + col] = 1;
                }
            }
        }
        boolean scaled = kOut < mOut || kIn < mIn;
        return new Matrix("R structure", String.format(Locale.ROOT, "R: %d blocks of %d × %d on the diagonal%s", b,
                mOut, mIn, scaled ? String.format(Locale.ROOT, " (each drawn %d × %d)", kOut, kIn) : ""),
                Matrix.Style.MASK, rows, cols, v);
    }
}
