package org.sparsitystudio.persistence;

/** An unchecked failure of the database: the {@link java.sql.SQLException} behind it is the cause. */
public final class PersistenceException extends RuntimeException {

    /**
     * @param message what was being done
     * @param cause   the underlying failure
     */
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what went wrong */
    public PersistenceException(String message) {
        super(message);
    }
}
