package org.sparsitystudio.kernels.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparsitystudio.kernels.nn.Parameter;

/**
 * Adam and AdamW with PyTorch's update rule and bias correction:
 * {@code m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − (η/(1−β₁ᵗ)) m / (√v/√(1−β₂ᵗ) + ε)}.
 * Adam adds {@code λw} to the gradient (L2); AdamW first shrinks {@code w ← w(1 − ηλ)} (decoupled).
 *
 * <p>The update is one fused pass over the parameter, gradient and moment buffers in Java: the
 * equivalent chain of ND4J element-wise calls costs several times more here (see ND4J-NOTES.md).
 */
public final class Adam implements Optimizer {

    private final List<Parameter> params;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final List<INDArray> firstMoments = new ArrayList<>();
    private final List<INDArray> secondMoments = new ArrayList<>();
    private long steps;

    private Adam(List<Parameter> params, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must lie in [0, 1): " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("eps must be > 0 and weight decay ≥ 0");
        }
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        for (Parameter p : this.params) {
            if (p.value().isView() || p.value().ordering() != 'c') {
                throw new IllegalArgumentException("parameter " + p.name() + " must be a contiguous array");
            }
            firstMoments.add(p.value().ulike());
            secondMoments.add(p.value().ulike());
        }
    }

    /** Adam with optional L2 weight decay added to the gradient. */
    public static Adam adam(List<Parameter> params, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(params, beta1, beta2, eps, weightDecay, false);
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam adam(List<Parameter> params) {
        return adam(params, 0.9, 0.999, 1e-8, 0);
    }

    /** AdamW: decoupled weight decay. */
    public static Adam adamW(List<Parameter> params, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(params, beta1, beta2, eps, weightDecay, true);
    }

    @Override
    public void step(double lr) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        double stepSize = lr / bc1;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            double l2 = !decoupled && p.decayed() ? weightDecay : 0;
            double shrink = decoupled && p.decayed() ? 1 - lr * weightDecay : 1;
            if (p.value().dataType() == DataType.FLOAT) {
                updateFloat(p, firstMoments.get(i), secondMoments.get(i), l2, shrink, stepSize, bc2Sqrt);
            } else if (p.value().dataType() == DataType.DOUBLE) {
                updateDouble(p, firstMoments.get(i), secondMoments.get(i), l2, shrink, stepSize, bc2Sqrt);
            } else {
                throw new IllegalStateException("Adam supports FLOAT and DOUBLE, got " + p.value().dataType());
            }
            p.afterUpdate();
        }
    }

    private void updateFloat(Parameter p, INDArray mArr, INDArray vArr, double l2, double shrink, double stepSize,
            double bc2Sqrt) {
        FloatBuffer w = p.value().data().asNioFloat();
        FloatBuffer g = p.grad().data().asNioFloat();
        FloatBuffer m = mArr.data().asNioFloat();
        FloatBuffer v = vArr.data().asNioFloat();
        int n = (int) p.value().length();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float fl2 = (float) l2;
        float fshrink = (float) shrink;
        float fstep = (float) stepSize;
        float fbc2 = (float) bc2Sqrt;
        float feps = (float) eps;
        for (int k = 0; k < n; k++) {
            float wk = w.get(k);
            float gk = g.get(k) + fl2 * wk;
            float mk = b1 * m.get(k) + c1 * gk;
            float vk = b2 * v.get(k) + c2 * gk * gk;
            m.put(k, mk);
            v.put(k, vk);
            w.put(k, wk * fshrink - fstep * mk / ((float) Math.sqrt(vk) / fbc2 + feps));
        }
    }

    private void updateDouble(Parameter p, INDArray mArr, INDArray vArr, double l2, double shrink, double stepSize,
            double bc2Sqrt) {
        DoubleBuffer w = p.value().data().asNioDouble();
        DoubleBuffer g = p.grad().data().asNioDouble();
        DoubleBuffer m = mArr.data().asNioDouble();
        DoubleBuffer v = vArr.data().asNioDouble();
        int n = (int) p.value().length();
        for (int k = 0; k < n; k++) {
            double wk = w.get(k);
            double gk = g.get(k) + l2 * wk;
            double mk = beta1 * m.get(k) + (1 - beta1) * gk;
            double vk = beta2 * v.get(k) + (1 - beta2) * gk * gk;
            m.put(k, mk);
            v.put(k, vk);
            w.put(k, wk * shrink - stepSize * mk / (Math.sqrt(vk) / bc2Sqrt + eps));
        }
    }

    @Override
    public long steps() {
        return steps;
    }
}
