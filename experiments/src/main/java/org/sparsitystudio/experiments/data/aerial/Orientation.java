package org.sparsitystudio.experiments.data.aerial;

/**
 * Whether scenes are turned by their random angle θ. The angle is drawn for every image in any
 * case, so an upright image and its rotated counterpart share all other structure and differ only
 * in rotation.
 */
public enum Orientation {
    /** Every image turned by its θ ~ U[0°, 360°). */
    ROTATED,
    /** Every image drawn with θ = 0. */
    UPRIGHT,
    /** Training images upright, test images rotated: measures how well a model generalises over rotation. */
    TRAIN_UPRIGHT_TEST_ROTATED;

    /** Whether images of the training ({@code test == false}) or test split are rotated. */
    public boolean rotates(boolean test) {
        return switch (this) {
            case ROTATED -> true;
            case UPRIGHT -> false;
            case TRAIN_UPRIGHT_TEST_ROTATED -> test;
        };
    }
}
