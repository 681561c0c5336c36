package org.sparsitystudio.experiments.spi;

import java.util.List;

/** An experiment kind id that no registered kind has; the message lists the known ids. */
public final class UnknownKindException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String id;

    UnknownKindException(String id, List<String> known) {
        super("unknown experiment kind \"" + id + "\"; known kinds: "
                + (known.isEmpty() ? "(none registered)" : String.join(", ", known)));
        this.id = id;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
