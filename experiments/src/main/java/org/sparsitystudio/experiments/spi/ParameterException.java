package org.sparsitystudio.experiments.spi;

/**
 * A value that a {@link ParameterSpec} does not accept. The message is meant for a person: it
 * names the parameter, the value and what is allowed, e.g. {@code sparsity = 1.5 is outside [0, 0.99]}.
 */
public final class ParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;

    /**
     * @param parameter the parameter's name
     * @param value the rejected value as the user wrote it (or as it was formatted)
     * @param message the whole message, already naming parameter, value and allowance
     */
    public ParameterException(String parameter, String value, String message) {
        super(message);
        this.parameter = parameter;
        this.value = value;
    }

    /** The name of the parameter whose value was rejected. */
    public String parameter() {
        return parameter;
    }

    /** The rejected value as text. */
    public String value() {
        return value;
    }
}
