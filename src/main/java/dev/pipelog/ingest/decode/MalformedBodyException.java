package dev.pipelog.ingest.decode;

/** The body as a whole cannot be read (not JSON, not a form); nothing of it was kept. Answered with 400. */
public final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedBodyException(String message) {
        super(message);
    }
}
