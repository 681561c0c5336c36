package org.sparsitystudio.kernels.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A residual connection {@code y = x + f(x)}; the gradient is {@code g + f.backward(g)}.
 *
 * <p>The wrapped layer's parameters are renamed {@code <prefix>.<name>} exactly as
 * {@link Sequential} prefixes its children with their index; the prefix defaults to {@code fn},
 * the attribute name of the common PyTorch {@code Residual(fn)} module, so a state dict reads
 * {@code fn.0.weight} for a wrapped Sequential.
 */
public final class Residual implements Layer {

    private final Layer inner;
    private INDArray output;
    private INDArray gradInput;

    /** Wraps {@code inner}, prefixing its parameter names with {@code fn.}. */
    public Residual(Layer inner) {
        this("fn", inner);
    }

    /** Wraps {@code inner}, prefixing its parameter names with {@code prefix.}. */
    public Residual(String prefix, Layer inner) {
        this.inner = inner;
        for (Parameter p : inner.parameters()) {
            p.rename(prefix + "." + p.name());
        }
    }

    @Override
    public List<Layer> children() {
        return List.of(inner);
    }

    public Layer inner() {
        return inner;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray fx = inner.forward(x, training);
        if (!java.util.Arrays.equals(fx.shape(), x.shape())) {
            throw new IllegalArgumentException("residual branch changed the shape " + java.util.Arrays.toString(x.shape())
                    + " to " + java.util.Arrays.toString(fx.shape()));
        }
        output = Buffers.ensure(output, x.dataType(), x.shape());
        return x.add(fx, output);
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        INDArray branch = inner.backward(gradOutput);
        gradInput = Buffers.ensure(gradInput, gradOutput.dataType(), gradOutput.shape());
        return gradOutput.add(branch, gradInput);
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }
}
