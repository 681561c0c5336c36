package org.sparsitystudio.experiments.spi;

/**
 * The value types a parameter can have, and the Java type that holds each one once parsed or
 * normalized. Stored by name in nothing, but the GUI and the command line switch on it.
 */
public enum ParameterType {
    /** A whole number, held as {@link Integer}. */
    INT,
    /** A real number, held as a finite {@link Double}. */
    DOUBLE,
    /** A yes/no switch, held as {@link Boolean}. */
    BOOLEAN,
    /** One of a fixed list of texts, held as {@link String}. */
    CHOICE,
    /** A non-empty list of real numbers, held as an unmodifiable {@code List<Double>}. */
    NUMBER_LIST,
    /** Free text on one line (a file path, a name), held as a {@link String}; may be empty. */
    TEXT
}
