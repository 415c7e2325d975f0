package dev.pipelog.resilience;

/** The fallback directory holds its maximum number of files; older data is never deleted to make room. */
public final class SpoolFullException extends Exception {
    private static final long serialVersionUID = 1L;

    SpoolFullException(String message) {
        super(message);
    }
}
