package org.sparsitystudio.experiments.data.aerial;

import java.util.List;
import java.util.stream.Stream;

/** The eight scene classes of the synthetic aerial data set, in label order. */
public enum AerialClass {
    /** A street grid with blocks of small red, brown and grey roofs. */
    RESIDENTIAL("residential"),
    /** Parallel field strips in greens, yellows and browns. */
    FARMLAND("farmland"),
    /** Dark-green canopy of dense small crowns, with no dominant direction. */
    FOREST("forest"),
    /** A blue band winding along a sinusoid through fields. */
    RIVER("river"),
    /** A long runway with centre dashes, a taxiway and a few parked planes on grass. */
    AIRPORT("airport"),
    /** Asphalt with lane lines and rows of small cars. */
    PARKING_LOT("parking lot"),
    /** Water filling half the scene, piers and a few white boats. */
    HARBOUR("harbour"),
    /** Sand with low-frequency shading and faint dunes. */
    DESERT("desert");

    private final String displayName;

    AerialClass(String displayName) {
        this.displayName = displayName;
    }

    /** The lower-case name shown in charts and tables. */
    public String displayName() {
        return displayName;
    }

    /** All display names in label order, as a data set's class names. */
    public static List<String> displayNames() {
        return Stream.of(values()).map(AerialClass::displayName).toList();
    }
}
