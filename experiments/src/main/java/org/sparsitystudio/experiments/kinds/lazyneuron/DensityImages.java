package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsitystudio.experiments.spi.Matrix.Style;
import org.sparsitystudio.experiments.spi.Matrix;

/**
 * A lazy-neuron run as pictures: the layer × step table of activation densities (how sparsity
 * emerges in every layer at once) and the final firing rate of every unit (which units went quiet).
 */
final class DensityImages {

    private DensityImages() {
    }

    /**
     * @param measured the probes in step order
     * @param steps    the step of each probe
     * @param last     the final probe, whose firing rates are drawn
     */
    static List<Matrix> of(List<ActivationDensity.Measurement> measured, List<Long> steps,
            ActivationDensity.Measurement last) {
        int layers = last.perLayer().length;
        double[][] density = new double[layers][measured.size()];
        for (int s = 0; s < measured.size(); s++) {
            for (int l = 0; l < layers; l++) {
                density[l][s] = 100 * measured.get(s).perLayer()[l];
            }
        }
        List<Matrix> out = new ArrayList<>();
        out.add(Matrix.of("density.layerByStep", String.format(Locale.ROOT,
                "density of MLP activations (%%): rows = layers 1–%d, columns = %d probes at steps %d–%d", layers,
                steps.size(), steps.get(0), steps.get(steps.size() - 1)), Style.SEQUENTIAL, density));
        double[][] rates = last.firingRates();
        int widest = 0;
        for (double[] r : rates) {
            widest = Math.max(widest, r.length);
        }
        double[][] padded = new double[rates.length][widest];
        for (int l = 0; l < rates.length; l++) {
            java.util.Arrays.fill(padded[l], Double.NaN);
            System.arraycopy(rates[l], 0, padded[l], 0, rates[l].length);
        }
        out.add(Matrix.of("firingRate.layerByUnit", String.format(Locale.ROOT,
                "share of probe tokens on which each unit fires at the end: rows = layers, columns = units (0 = dead)"),
                Style.SEQUENTIAL, padded));
        return out;
    }
}
