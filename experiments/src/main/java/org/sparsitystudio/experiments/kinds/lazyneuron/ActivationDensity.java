package org.sparsitystudio.experiments.kinds.lazyneuron;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.kernels.nn.ActivationProbe;
import org.sparsitystudio.kernels.nn.Layer;

/**
 * Activation density as SCIENCE.md §3 defines it: per token the share of MLP units whose
 * post-activation value is above a threshold (0 for ReLU and Top-k: "nonzero"; a parameter for
 * GELU, which is never exactly zero), averaged over every token of a fixed probe batch, class token
 * included; per layer and as the mean over layers. Every token has the same width, so the mean of
 * the per-token shares equals the share of all entries, which is how it is accumulated.
 *
 * <p>Also counts per-unit firing rates (share of tokens on which a unit is active) and the largest
 * number of active units of any token, which verifies Top-k's bound on real activations.
 */
public final class ActivationDensity {

    private ActivationDensity() {
    }

    /**
     * One measurement.
     *
     * @param perLayer          share of active entries per probed layer, input side first, in [0, 1]
     * @param mean              the mean of {@code perLayer}
     * @param firingRates       per layer, per unit: share of tokens on which the unit was active
     * @param maxActivePerToken the most active units any token had, over all layers
     * @param tokens            tokens measured per layer (probe images × tokens per image)
     */
    public record Measurement(double[] perLayer, double mean, double[][] firingRates, int maxActivePerToken,
            long tokens) {

        /** Share of units, over all layers, that were active on no token of the probe batch. */
        public double deadShare() {
            long dead = 0;
            long units = 0;
            for (double[] layer : firingRates) {
                for (double rate : layer) {
                    dead += rate == 0 ? 1 : 0;
                    units++;
                }
            }
            return units == 0 ? Double.NaN : (double) dead / units;
        }
    }

    /** The share of entries of {@code activations} above {@code threshold}: the mean per-token density. */
    public static double density(INDArray activations, double threshold) {
        return active(activations, threshold).sumNumber().doubleValue() / activations.length();
    }

    /** 1 where an entry is above the threshold, as [tokens, units]. */
    private static INDArray active(INDArray activations, double threshold) {
        long width = activations.size(activations.rank() - 1);
        return activations.gt(threshold).castTo(DataType.FLOAT).reshape(activations.length() / width, width);
    }

    /**
     * Measures {@code model} on every batch of {@code probe} (one pass in its fixed order), with the
     * model in evaluation mode. Only the probes' buffers are read; the model's parameters, and so
     * the training that follows, are untouched.
     *
     * @param threshold an entry counts as active when strictly above it
     * @throws IllegalArgumentException if the model has no {@link ActivationProbe}
     */
    public static Measurement measure(Layer model, Batches probe, double threshold) {
        Meter meter = new Meter(ActivationProbe.find(model), threshold);
        probe.startEpoch(0);
        for (int b = 0; b < probe.batchesPerEpoch(); b++) {
            model.forward(probe.next(b).features(), false);
            meter.accumulate();
        }
        return meter.result();
    }

    /** Sums active counts over several forward passes; for a probe batch run in chunks. */
    public static final class Meter {

        private final List<ActivationProbe> probes;
        private final double threshold;
        private final List<double[]> unitCounts = new ArrayList<>();
        private long tokens;
        private int maxActive;

        /** Meters {@code probes} (in layer order) with an activity threshold. */
        public Meter(List<ActivationProbe> probes, double threshold) {
            if (probes.isEmpty()) {
                throw new IllegalArgumentException("the model has no activation to measure");
            }
            this.probes = List.copyOf(probes);
            this.threshold = threshold;
        }

        /** Adds the probes' last activations (all from the same forward pass). */
        public void accumulate() {
            long batchTokens = -1;
            for (int l = 0; l < probes.size(); l++) {
                INDArray activations = probes.get(l).lastActivation();
                if (activations == null) {
                    throw new IllegalStateException("layer " + (l + 1) + " has not run forward yet");
                }
                INDArray active = active(activations, threshold);
                float[] perUnit = active.sum(0).toFloatVector();
                if (unitCounts.size() == l) {
                    unitCounts.add(new double[perUnit.length]);
                }
                double[] counts = unitCounts.get(l);
                for (int u = 0; u < perUnit.length; u++) {
                    counts[u] += perUnit[u];
                }
                maxActive = Math.max(maxActive, active.sum(1).maxNumber().intValue());
                batchTokens = active.size(0);
            }
            tokens += batchTokens;
        }

        /** The measurement over everything accumulated. */
        public Measurement result() {
            if (tokens == 0) {
                throw new IllegalStateException("nothing accumulated");
            }
            double[] perLayer = new double[unitCounts.size()];
            double[][] rates = new double[unitCounts.size()][];
            double sum = 0;
            for (int l = 0; l < perLayer.length; l++) {
                double[] counts = unitCounts.get(l);
                rates[l] = new double[counts.length];
                double active = 0;
                for (int u = 0; u < counts.length; u++) {
                    rates[l][u] = counts[u] / tokens;
                    active += counts[u];
                }
                perLayer[l] = active / ((double) tokens * counts.length);
                sum += perLayer[l];
            }
            return new Measurement(perLayer, sum / perLayer.length, rates, maxActive, tokens);
        }
    }
}
