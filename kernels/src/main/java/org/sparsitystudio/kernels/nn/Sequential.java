package org.sparsitystudio.kernels.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers applied one after another. Parameters are named {@code <index>.<name>} (prefixed by the
 * container's own name when nested), as PyTorch's {@code nn.Sequential} names them.
 *
 * <p>{@link #named} gives the children names instead of indices, for models whose PyTorch
 * counterpart is a module with named attributes applied in order (timm's ViT:
 * {@code patch_embed}, {@code blocks.0}, …, {@code head}); this keeps checkpoints exchangeable
 * without a separate model class per architecture.
 */
public final class Sequential implements Layer {

    private final List<Layer> layers;
    private final List<Parameter> parameters;

    public Sequential(List<? extends Layer> layers) {
        this(indices(layers.size()), layers);
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    private Sequential(List<String> names, List<? extends Layer> layers) {
        if (names.size() != layers.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + layers.size() + " layers");
        }
        this.layers = List.copyOf(layers);
        List<Parameter> all = new ArrayList<>();
        for (int i = 0; i < this.layers.size(); i++) {
            String prefix = names.get(i).isEmpty() ? "" : names.get(i) + ".";
            for (Parameter p : this.layers.get(i).parameters()) {
                p.rename(prefix + p.name());
                all.add(p);
            }
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    /**
     * Layers applied in order whose parameters are prefixed with {@code names.get(i) + "."} instead
     * of the index. An empty name adds no prefix: the child's parameters then sit directly on the
     * container, as PyTorch parameters registered on the model itself ({@code cls_token}).
     */
    public static Sequential named(List<String> names, List<? extends Layer> layers) {
        return new Sequential(List.copyOf(names), layers);
    }

    private static List<String> indices(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
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
