package org.sparsitystudio.experiments.design;

/**
 * A design that cannot be used as it is: malformed JSON, an unknown key or parameter, a wrong
 * type, a value out of range, an empty sweep. The message is meant for a person and names the
 * key or parameter, the value and what is allowed; it never carries a parser's stack trace.
 */
public final class DesignException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key where in the design the problem is, e.g. {@code parameters.sparsity} or
     *        {@code sweep[1].values}
     * @param message the whole message, already naming key, value and allowance
     */
    public DesignException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** Where in the design the problem is, e.g. {@code parameters.sparsity}. */
    public String key() {
        return key;
    }
}
