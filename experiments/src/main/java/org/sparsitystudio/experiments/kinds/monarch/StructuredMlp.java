package org.sparsitystudio.experiments.kinds.monarch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.monarch.MonarchFactors;
import org.sparsitystudio.kernels.monarch.MonarchLinear;
import org.sparsitystudio.kernels.monarch.MonarchProjection;
import org.sparsitystudio.kernels.nn.Layer;
import org.sparsitystudio.kernels.nn.Linear;
import org.sparsitystudio.kernels.nn.PrunedWeightRule;
import org.sparsitystudio.kernels.nn.Relu;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.sparsity.RandomMask;

/**
 * The MLP of the Monarch study, {@code in → hidden (× depth) → classes} with ReLU, in which the
 * layers of the configured scope have the configured structure and the rest are dense.
 *
 * <p>Weight layers are numbered from 1 at the input; layer {@code depth + 1} is the classifier
 * head, which is never replaced (its 10 outputs leave no room for structure). Every structured
 * choice spends the parameter budget of the Monarch layer of the same size and block count,
 * {@link MonarchLinear#parameterCount}, which for sizes that are not {@code b·m} includes the
 * stored-but-unused weights of Monarch's padding: the budget is what a Monarch layer costs in
 * memory, so that is what the baselines get.
 */
public final class StructuredMlp {

    /**
     * A model obtained by projecting a trained dense one.
     *
     * @param model  the structured model, biases and unreplaced layers copied from the dense one
     * @param errors relative Frobenius error ‖W − W̃‖/‖W‖ of each replaced layer, by layer number
     */
    public record Projected(StructuredMlp model, Map<Integer, Double> errors) {
    }

    private final LayerChoice choice;
    private final Sequential model;
    /** The weight layer at each number (index = number − 1): Linear, MonarchLinear or a low-rank pair. */
    private final List<Layer> weightLayers;
    private final List<Integer> replaced;

    private StructuredMlp(LayerChoice choice, Sequential model, List<Layer> weightLayers, List<Integer> replaced) {
        this.choice = choice;
        this.model = model;
        this.weightLayers = List.copyOf(weightLayers);
        this.replaced = List.copyOf(replaced);
    }

    /** Builds the model of {@code config} for {@code in} features and {@code classes} classes. */
    public static StructuredMlp build(MonarchConfig config, int in, int classes) {
        // one stream for initial values, drawn layer by layer as Mlp.of draws them, so a dense
        // model here starts from the same weights as the reference MLP of the same widths and seed
        SplittableRandom rng = new SplittableRandom(config.seed());
        SplittableRandom maskSeeds = new SplittableRandom(config.seed() ^ 0x4D4F4E41L);
        List<Layer> layers = new ArrayList<>();
        List<Layer> weights = new ArrayList<>();
        List<Integer> replaced = new ArrayList<>();
        int previous = in;
        for (int number = 1; number <= config.depth() + 1; number++) {
            boolean head = number == config.depth() + 1;
            int out = head ? classes : config.hidden();
            boolean replace = !head && (number > 1 || config.scope() == MonarchConfig.Scope.HIDDEN);
            Layer layer = replace ? structured(config.layer(), previous, out, config.blocks(), rng, maskSeeds.nextLong())
                    : new Linear(previous, out, true, DataType.FLOAT, rng);
            if (replace) {
                replaced.add(number);
            }
            weights.add(layer);
            layers.add(layer);
            if (!head) {
                layers.add(new Relu());
            }
            previous = out;
        }
        return new StructuredMlp(config.layer(), new Sequential(layers), weights, replaced);
    }

    /**
     * One replaced layer {@code in → out} of {@code choice}, every structured choice at the budget
     * of the Monarch layer with {@code blocks}; shared with {@link StructuredVit} so both models
     * are compared under one rule.
     */
    static Layer structured(LayerChoice choice, int in, int out, int blocks, SplittableRandom rng,
            long maskSeed) {
        switch (choice) {
            case DENSE:
                return new Linear(in, out, true, DataType.FLOAT, rng);
            case MONARCH:
                return new MonarchLinear(in, out, blocks, true, DataType.FLOAT, rng);
            case RANDOM_SPARSE: {
                Linear linear = new Linear(in, out, true, DataType.FLOAT, rng);
                long budget = budget(in, out, blocks);
                long count = (long) in * out;
                INDArray mask = RandomMask.create((double) budget / count, maskSeed, DataType.FLOAT, out, in);
                long kept = mask.sumNumber().longValue();
                if (kept != budget) {
                    // RandomMask keeps round(d·count); guard the equal-parameter claim against rounding
                    throw new IllegalStateException("mask keeps " + kept + " weights, budget is " + budget);
                }
                linear.setMask(mask, PrunedWeightRule.DROP);
                return linear;
            }
            case LOW_RANK: {
                int r = lowRank(in, out, blocks);
                return new Sequential(new Linear(in, r, false, DataType.FLOAT, rng),
                        new Linear(r, out, true, DataType.FLOAT, rng));
            }
            default:
                throw new IllegalStateException(choice.toString());
        }
    }

    /** The parameter budget of a replaced layer: the Monarch layer's factor count. */
    public static long budget(int in, int out, int blocks) {
        return MonarchLinear.parameterCount(in, out, blocks);
    }

    /** The rank whose factors {@code r·(in + out)} come closest to the budget, at least 1, at most min(in, out). */
    public static int lowRank(int in, int out, int blocks) {
        long r = Math.round((double) budget(in, out, blocks) / (in + out));
        return (int) Math.max(1, Math.min(r, Math.min(in, out)));
    }

    /**
     * Projects a trained dense model onto {@code target}'s structure, layer by layer: Monarch by
     * {@link MonarchProjection} (the Frobenius-closest Monarch matrix), low rank by truncated SVD
     * (the closest matrix of that rank), random sparsity by keeping the trained values under a
     * random mask of the budget's size (no closest-point claim: that is what random pruning of a
     * trained model does), dense by copying.
     */
    public static Projected project(StructuredMlp dense, MonarchConfig target, int in, int classes) {
        if (dense.choice != LayerChoice.DENSE) {
            throw new IllegalArgumentException("projection starts from a dense model, got " + dense.choice.id());
        }
        StructuredMlp out = build(target, in, classes);
        if (out.weightLayers.size() != dense.weightLayers.size()) {
            throw new IllegalArgumentException("the target has another depth than the dense model");
        }
        Map<Integer, Double> errors = new LinkedHashMap<>();
        for (int number = 1; number <= out.weightLayers.size(); number++) {
            Linear source = (Linear) dense.layer(number);
            INDArray w = source.weight().value();
            Layer layer = out.layer(number);
            if (!out.replaced.contains(number) || layer instanceof Linear && target.layer() == LayerChoice.DENSE) {
                Linear copy = (Linear) layer;
                copy.weight().value().assign(w);
                copy.bias().value().assign(source.bias().value());
                if (out.replaced.contains(number)) {
                    errors.put(number, 0.0);
                }
                continue;
            }
            errors.put(number, projectInto(layer, w, source.bias().value(), target.blocks()));
        }
        return new Projected(out, Collections.unmodifiableMap(errors));
    }

    private static double projectInto(Layer layer, INDArray w, INDArray bias, int blocks) {
        if (layer instanceof MonarchLinear monarch) {
            MonarchFactors factors = MonarchProjection.project(w, blocks);
            monarch.setFactors(factors);
            monarch.bias().value().assign(bias);
            return MonarchProjection.relativeError(w, factors);
        }
        if (layer instanceof Linear masked) {
            masked.weight().value().assign(w);
            masked.maskChanged(); // drops the trained values outside the mask
            masked.bias().value().assign(bias);
            return relativeError(w, masked.weight().value());
        }
        Sequential pair = (Sequential) layer;
        Linear first = (Linear) pair.layers().get(0);
        Linear second = (Linear) pair.layers().get(1);
        LowRank.Factors f = LowRank.truncate(w, first.outFeatures());
        first.weight().value().assign(f.right());
        second.weight().value().assign(f.left());
        second.bias().value().assign(bias);
        return relativeError(w, f.left().castTo(DataType.DOUBLE).mmul(f.right().castTo(DataType.DOUBLE)));
    }

    /** ‖a − b‖_F / ‖a‖_F in double precision. */
    static double relativeError(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE);
        return ad.sub(b.castTo(DataType.DOUBLE)).norm2Number().doubleValue() / ad.norm2Number().doubleValue();
    }

    /** The network, ready to train. */
    public Sequential model() {
        return model;
    }

    /** What the replaced layers are. */
    public LayerChoice choice() {
        return choice;
    }

    /** The numbers of the replaced layers, input side first. */
    public List<Integer> replacedLayers() {
        return replaced;
    }

    /** The weight layer with this number (1 = input layer): a Linear, a MonarchLinear or a low-rank Sequential. */
    public Layer layer(int number) {
        return weightLayers.get(number - 1);
    }

    /**
     * Weights (biases excluded) held by the replaced layers: the Monarch factors, the kept weights
     * of a mask, both low-rank factors, or the full matrices when dense.
     */
    public long structuredParameters() {
        long sum = 0;
        for (int number : replaced) {
            sum += weights(layer(number));
        }
        return sum;
    }

    /** Weights (biases excluded) held by one layer made by {@link #structured}. */
    static long weights(Layer layer) {
        if (layer instanceof MonarchLinear monarch) {
            return MonarchLinear.parameterCount(monarch.inFeatures(), monarch.outFeatures(), monarch.blocks());
        }
        if (layer instanceof Linear linear) {
            return linear.mask() == null ? linear.weight().value().length() : linear.mask().sumNumber().longValue();
        }
        long sum = 0;
        for (Layer part : ((Sequential) layer).layers()) {
            sum += ((Linear) part).weight().value().length();
        }
        return sum;
    }
}
