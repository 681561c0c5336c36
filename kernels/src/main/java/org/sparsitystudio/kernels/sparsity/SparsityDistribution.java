package org.sparsitystudio.kernels.sparsity;

import java.util.List;

/**
 * How a global density is spread over layers (Liu et al., ICLR 2022; Evci et al. for ERK).
 * Raw ratios r_l: uniform 1; ER (n_in + n_out)/(n_in·n_out); ERK
 * (n_in + n_out + k_h + k_w)/(n_in·n_out·k_h·k_w), which for linear layers is used as ER, as the
 * papers' code does. The scale ε is solved so that Σ d_l P_l = D ΣP_l exactly, with d_l = ε r_l;
 * layers whose density would exceed 1 are made dense and ε is solved again for the rest.
 */
public enum SparsityDistribution {
    UNIFORM, ER, ERK;

    /** Parses "uniform", "er" or "erk" in any case. */
    public static SparsityDistribution parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown layer-wise distribution '" + text + "' (uniform, er or erk)");
        }
    }

    double rawRatio(LayerShape s) {
        return switch (this) {
            case UNIFORM -> 1.0;
            case ER -> (double) (s.in() + s.out()) / (s.in() * s.out());
            case ERK -> s.kernelHeight() == 1 && s.kernelWidth() == 1
                    ? (double) (s.in() + s.out()) / (s.in() * s.out())
                    : (double) (s.in() + s.out() + s.kernelHeight() + s.kernelWidth()) / s.count();
        };
    }

    /**
     * Per-layer densities whose weighted mean is {@code target}.
     *
     * @param firstDense keep the first layer dense (it joins the dense set from the start)
     * @throws IllegalArgumentException when the target is outside (0, 1] or the layers forced dense
     *                                  already hold more weights than the target allows
     */
    public double[] densities(List<LayerShape> layers, double target, boolean firstDense) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("density must lie in (0, 1], got " + target);
        }
        int n = layers.size();
        double[] d = new double[n];
        boolean[] dense = new boolean[n];
        if (firstDense && n > 0) {
            dense[0] = true;
        }
        double total = 0;
        for (LayerShape s : layers) {
            total += s.count();
        }
        while (true) {
            double denseCount = 0;
            double weighted = 0;
            for (int l = 0; l < n; l++) {
                if (dense[l]) {
                    denseCount += layers.get(l).count();
                } else {
                    weighted += rawRatio(layers.get(l)) * layers.get(l).count();
                }
            }
            double budget = target * total - denseCount;
            if (weighted == 0) {
                if (budget < -1e-9 * total) {
                    throw new IllegalArgumentException("density " + target + " is below what the dense layers hold");
                }
                java.util.Arrays.fill(d, 1.0);
                return d;
            }
            if (budget <= 0) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "density %.4f is too low: the layers kept dense already hold %.4f of the weights",
                        target, denseCount / total));
            }
            double eps = budget / weighted;
            double maxRatio = -1;
            for (int l = 0; l < n; l++) {
                if (!dense[l] && eps * rawRatio(layers.get(l)) > 1) {
                    maxRatio = Math.max(maxRatio, rawRatio(layers.get(l)));
                }
            }
            if (maxRatio < 0) {
                for (int l = 0; l < n; l++) {
                    d[l] = dense[l] ? 1.0 : eps * rawRatio(layers.get(l));
                }
                return d;
            }
            for (int l = 0; l < n; l++) {
                if (!dense[l] && rawRatio(layers.get(l)) == maxRatio) {
                    dense[l] = true;
                }
            }
        }
    }
}
