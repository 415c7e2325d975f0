package dev.pipelog.api;

/** The listener cannot start (unsafe bind without a token, port in use); the message says what to change. */
public final class ApiStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApiStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
