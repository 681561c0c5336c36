package org.sparsitystudio.kernels.nn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable tensor with its gradient buffer and, for prunable weights, an optional mask.
 *
 * <p>Names follow PyTorch's {@code state_dict} style (for example {@code layers.0.weight}) so that
 * checkpoints can be exchanged with other tools.
 */
public final class Parameter {

    private String name;
    private final INDArray value;
    private final INDArray grad;
    private final boolean decayed;
    private final boolean prunable;
    private INDArray zeroMask;

    /**
     * @param name     state-dict style name
     * @param value    the tensor that is trained (updated in place)
     * @param decayed  whether weight decay applies (weights yes, biases and norms no)
     * @param prunable whether sparsity methods may mask it (linear and conv weights)
     */
    public Parameter(String name, INDArray value, boolean decayed, boolean prunable) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = value.ulike();
        this.decayed = decayed;
        this.prunable = prunable;
    }

    public String name() {
        return name;
    }

    /** Renames the parameter; containers prefix their children's names with their own. */
    public void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "newName");
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }

    public boolean decayed() {
        return decayed;
    }

    public boolean prunable() {
        return prunable;
    }

    public long size() {
        return value.length();
    }

    /**
     * Sets the mask whose zero entries must stay exactly zero after every optimizer update, or
     * {@code null} for none. Layers set it when their pruned weights are dropped entirely.
     */
    public void keepZeroWhere(INDArray mask) {
        this.zeroMask = mask;
    }

    /** The mask whose zero entries are kept zero, or {@code null}. */
    public INDArray zeroMask() {
        return zeroMask;
    }

    /** Called by optimizers after each update: re-zeroes the masked entries, if any. */
    public void afterUpdate() {
        if (zeroMask != null) {
            value.muli(zeroMask);
        }
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
