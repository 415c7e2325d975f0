package dev.pipelog.ingest.decode;

import java.io.IOException;

/** The body grew past the limit while being decompressed. Answered with 413. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes after decompression");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
