package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Multi-layer perceptrons: Linear layers with a non-linearity (ReLU by default) between them, logits out. */
public final class Mlp {

    private Mlp() {
    }

    /**
     * Builds {@code in → hidden[0] → … → out} with ReLU after every hidden layer; weights initialised
     * as PyTorch's {@code nn.Linear} from {@code seed}.
     */
    public static Sequential of(int in, int[] hidden, int out, DataType type, long seed) {
        return of(in, hidden, out, MlpActivation.relu(), type, seed);
    }

    /**
     * Builds {@code in → hidden[0] → … → out} with {@code activation} after every hidden layer.
     * With ReLU the layers and the random draws are exactly those of
     * {@link #of(int, int[], int, DataType, long)}: the activation draws no random numbers.
     */
    public static Sequential of(int in, int[] hidden, int out, MlpActivation activation, DataType type, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int previous = in;
        for (int width : hidden) {
            layers.add(new Linear(previous, width, true, type, rng));
            layers.add(activation.create());
            previous = width;
        }
        layers.add(new Linear(previous, out, true, type, rng));
        return new Sequential(layers);
    }

    /** The Linear layers of a model built by {@link #of}, input side first. */
    public static List<Linear> linearLayers(Sequential model) {
        List<Linear> linears = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Linear linear) {
                linears.add(linear);
            }
        }
        return linears;
    }
}
