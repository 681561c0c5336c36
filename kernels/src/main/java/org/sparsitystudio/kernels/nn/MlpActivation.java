package org.sparsitystudio.kernels.nn;

/**
 * The choice of non-linearity inside an MLP block (a transformer block's MLP or a plain MLP's
 * hidden layers). A factory rather than a layer because every block needs its own instance: the
 * layers keep per-call buffers.
 */
public interface MlpActivation {

    /** A fresh layer applying this non-linearity. */
    Layer create();

    /** ReLU, whose exact zeros make activation sparsity measurable. */
    static MlpActivation relu() {
        return TransformerBlock.Activation.RELU;
    }

    /** Exact GELU, the ViT default. */
    static MlpActivation gelu() {
        return TransformerBlock.Activation.GELU;
    }

    /** Top-k ReLU keeping {@code k} activations per token. */
    static MlpActivation topK(int k) {
        return new TopK(k, Double.NaN);
    }

    /** Top-k ReLU keeping {@code round(fraction · width)} activations per token. */
    static MlpActivation topKFraction(double fraction) {
        return new TopK(0, fraction);
    }

    /**
     * Top-k ReLU by count or by fraction of the width; a record so that model configurations holding
     * it compare by value.
     *
     * @param k        activations kept per token, used when {@code fraction} is NaN
     * @param fraction share of the width kept, or NaN to use {@code k}
     */
    record TopK(int k, double fraction) implements MlpActivation {

        /** Checks the setting at once, so a bad configuration fails before a model is built. */
        public TopK {
            if (Double.isNaN(fraction) ? k <= 0 : !(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("Top-k needs k > 0 or a fraction in (0, 1], got k = " + k
                        + ", fraction = " + fraction);
            }
        }

        @Override
        public Layer create() {
            return Double.isNaN(fraction) ? TopKActivation.ofCount(k) : TopKActivation.ofFraction(fraction);
        }
    }
}
