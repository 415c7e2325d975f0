package dev.pipelog.resilience;

import java.time.Duration;

/** The store did not take a batch, after whatever retries the policies allow. Nothing was committed. */
public final class StorageFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    StorageFailure(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }

    /** When trying again makes sense: the breaker's remaining open time, or the retry delay. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
