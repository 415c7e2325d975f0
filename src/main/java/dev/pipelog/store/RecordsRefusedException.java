package dev.pipelog.store;

/**
 * The store refused a batch for what is in it (a value it cannot hold), not because storage
 * failed: nothing of the batch was committed, the same batch will fail again, and without the
 * offending records the rest will not. Storage itself works, so this is no reason to retry or to
 * open a circuit breaker.
 */
public final class RecordsRefusedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public RecordsRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
