package dev.pipelog.api;

/** Ends a request with a chosen error response; thrown by handlers, answered by {@link ExceptionMapper}. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ApiError error;

    ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiException(int status, String code, String message) {
        this(new ApiError(status, code, message));
    }

    ApiError error() {
        return error;
    }
}
