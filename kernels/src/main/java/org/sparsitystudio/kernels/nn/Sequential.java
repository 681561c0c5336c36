package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers applied one after another. Parameters are named {@code <index>.<name>} (prefixed by the
 * container's own name when nested), as PyTorch's {@code nn.Sequential} names them.
 */
public final class Sequential implements Layer {

    private final List<Layer> layers;
    private final List<Parameter> parameters;

    public Sequential(List<? extends Layer> layers) {
        this.layers = List.copyOf(layers);
        List<Parameter> all = new ArrayList<>();
        for (int i = 0; i < this.layers.size(); i++) {
            for (Parameter p : this.layers.get(i).parameters()) {
                p.rename(i + "." + p.name());
                all.add(p);
            }
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray x = input;
        for (Layer layer : layers) {
            x = layer.forward(x, training);
        }
        return x;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray g = gradOutput;
        for (int i = layers.size() - 1; i >= 0 && g != null; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }

    /**
     * Passes the flag to the first layer only: every later layer's input is an earlier layer's
     * output, whose gradient the earlier layer needs.
     */
    @Override
    public void setInputGradientRequired(boolean required) {
        if (!layers.isEmpty()) {
            layers.get(0).setInputGradientRequired(required);
        }
    }

    @Override
    public List<Layer> children() {
        return layers;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
