package org.sparsitystudio.experiments.training;

/** Thrown when the training loss becomes NaN or infinite: the run diverged rather than crashed. */
public final class DivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;

    public DivergedException(long step, double loss) {
        super("training diverged at step " + step + ": loss is " + loss);
        this.step = step;
    }

    /** The global step whose loss was not finite. */
    public long step() {
        return step;
    }
}
