package org.sparsitystudio.experiments.kinds.monarch;

import java.util.Locale;
import org.sparsitystudio.experiments.spi.ParameterException;

/**
 * One run of the Monarch study.
 *
 * @param layer          what the replaced layers become
 * @param blocks         Monarch block count b; it also sets the parameter budget of the other
 *                       structured choices (ignored for dense)
 * @param hidden         width of every hidden layer
 * @param depth          hidden layers; the MLP is 784 → hidden (× depth) → 10
 * @param scope          which layers are replaced
 * @param mode           trained from scratch, or projected from a trained dense model
 * @param epochs         training epochs (of the dense model in project mode)
 * @param fineTuneEpochs epochs after the projection (project mode only; 0 evaluates the projection alone)
 * @param batchSize      samples per step
 * @param optimizer      "adam" or "sgd" (Nesterov momentum 0.9, weight decay 5e-4)
 * @param learningRate   constant learning rate, as in the reference MLP recipe
 * @param seed           seeds initialisation, masks and data order
 * @param architecture   the MLP (hidden, depth and scope apply) or the small ViT (where applies)
 * @param where          which ViT projections are replaced; ignored by the MLP
 */
public record MonarchConfig(LayerChoice layer, int blocks, int hidden, int depth, Scope scope, Mode mode, int epochs,
        int fineTuneEpochs, int batchSize, String optimizer, double learningRate, long seed, Architecture architecture,
        Where where) {

    /** The network whose layers are replaced. */
    public enum Architecture {
        /** The MLP {@code 784 → hidden (× depth) → 10}. */
        MLP("mlp"),
        /** The small ViT of {@link StructuredVit}. */
        VIT("vit");

        private final String id;

        Architecture(String id) {
            this.id = id;
        }

        /** The id used in designs. */
        public String id() {
            return id;
        }

        /** The architecture with this id. */
        public static Architecture parse(String text) {
            for (Architecture a : values()) {
                if (a.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown architecture '" + text + "' (mlp or vit)");
        }
    }

    /** Which projections of every ViT block are replaced; the patch embedding and the head stay dense. */
    public enum Where {
        /** The MLP's fc1 and fc2. */
        MLP("mlp"),
        /** The attention's qkv and proj. */
        ATTENTION("attention"),
        /** All four. */
        BOTH("both");

        private final String id;

        Where(String id) {
            this.id = id;
        }

        /** The id used in designs. */
        public String id() {
            return id;
        }

        /** The placement with this id. */
        public static Where parse(String text) {
            for (Where w : values()) {
                if (w.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown placement '" + text + "' (mlp, attention or both)");
        }
    }

    /** An MLP run, the study as it was before the ViT option. */
    public MonarchConfig(LayerChoice layer, int blocks, int hidden, int depth, Scope scope, Mode mode, int epochs,
            int fineTuneEpochs, int batchSize, String optimizer, double learningRate, long seed) {
        this(layer, blocks, hidden, depth, scope, mode, epochs, fineTuneEpochs, batchSize, optimizer, learningRate,
                seed, Architecture.MLP, Where.MLP);
    }

    /** How the structured layers come about. */
    public enum Mode {
        /** Structured from initialisation and trained as such. */
        FROM_SCRATCH("from-scratch"),
        /** A dense model is trained, its replaced layers projected, then fine-tuned. */
        PROJECT_DENSE("project-dense");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** The id used in designs. */
        public String id() {
            return id;
        }

        /** The mode with this id. */
        public static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode '" + text + "' (from-scratch or project-dense)");
        }
    }

    /** Which layers of the MLP are replaced; the classifier head always stays dense. */
    public enum Scope {
        /** The hidden-to-hidden layers, the square ones the paper's analysis is about. */
        SQUARE("square"),
        /** The input layer too (784 → hidden, under Monarch's padding rule). */
        HIDDEN("hidden");

        private final String id;

        Scope(String id) {
            this.id = id;
        }

        /** The id used in designs. */
        public String id() {
            return id;
        }

        /** The scope with this id. */
        public static Scope parse(String text) {
            for (Scope s : values()) {
                if (s.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scope '" + text + "' (square or hidden)");
        }
    }

    /**
     * Checks ranges that the parameter declarations cannot express.
     *
     * @throws ParameterException for ViT combinations the study does not run, naming the parameter
     */
    public MonarchConfig {
        if (architecture == Architecture.MLP) {
            if (blocks < 1 || blocks > hidden) {
                throw new IllegalArgumentException("blocks must lie in [1, hidden = " + hidden + "], got " + blocks);
            }
            if (depth < 1 || (scope == Scope.SQUARE && depth < 2)) {
                throw new IllegalArgumentException("depth " + depth + " leaves no layer to replace with scope "
                        + scope.id);
            }
        } else {
            StructuredVit.check(layer, blocks, where);
            if (mode == Mode.PROJECT_DENSE) {
                // projecting needs a trained dense ViT and a name-by-name copy of every kept parameter;
                // the from-scratch comparison is the one the study asks of the ViT
                throw new ParameterException("mode", mode.id, "mode = project-dense is not available for the ViT; "
                        + "use from-scratch");
            }
        }
        if (epochs < 1 || fineTuneEpochs < 0 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be positive, fine-tune epochs ≥ 0");
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be adam or sgd, got " + optimizer);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }

    /** The same run with another layer choice, e.g. the dense model a projection starts from. */
    public MonarchConfig withLayer(LayerChoice newLayer) {
        return new MonarchConfig(newLayer, blocks, hidden, depth, scope, mode, epochs, fineTuneEpochs, batchSize,
                optimizer, learningRate, seed, architecture, where);
    }

    /** All training epochs of the run, fine-tuning included. */
    public int totalEpochs() {
        return mode == Mode.PROJECT_DENSE ? epochs + fineTuneEpochs : epochs;
    }
}
