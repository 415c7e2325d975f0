package dev.pipelog.ingest;

import java.time.Duration;

/** Neither the store nor a fallback file took a batch; nothing of it was kept. */
public final class SinkUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public SinkUnavailableException(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
