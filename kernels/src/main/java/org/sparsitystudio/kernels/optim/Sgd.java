package org.sparsitystudio.kernels.optim;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, with
 * PyTorch's {@code torch.optim.SGD} semantics (no dampening): {@code g ← ∇ + λw; b ← μb + g;
 * w ← w − η(g + μb)} with Nesterov, {@code w ← w − ηb} without.
 */
public final class Sgd implements Optimizer {

    private final List<Parameter> params;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final List<INDArray> buffers = new ArrayList<>();
    private final List<INDArray> scratch = new ArrayList<>();
    private long steps;

    public Sgd(List<Parameter> params, double momentum, boolean nesterov, double weightDecay) {
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("momentum and weight decay must be ≥ 0");
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        for (Parameter p : this.params) {
            buffers.add(momentum > 0 ? p.value().ulike() : null);
            scratch.add(p.value().ulike());
        }
    }

    @Override
    public void step(double lr) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            INDArray g = scratch.get(i).assign(p.grad());
            if (weightDecay > 0 && p.decayed()) {
                g.addi(p.value().mul(weightDecay));
            }
            if (momentum > 0) {
                INDArray b = buffers.get(i);
                if (steps == 0) {
                    b.assign(g);
                } else {
                    b.muli(momentum).addi(g);
                }
                if (nesterov) {
                    g.addi(b.mul(momentum));
                } else {
                    g.assign(b);
                }
            }
            p.value().subi(g.muli(lr));
            p.afterUpdate();
        }
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }
}
