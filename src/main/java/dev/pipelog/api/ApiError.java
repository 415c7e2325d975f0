package dev.pipelog.api;

import java.time.Duration;

/**
 * What an error response says: {@code {"error":"<code>","message":"<words>"}} with its status, and
 * a Retry-After for the statuses that invite a retry.
 */
record ApiError(int status, String code, String message, Duration retryAfter) {

    ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    static ApiError badParameter(String parameter, String message) {
        return new ApiError(400, "invalid_parameter", parameter + ": " + message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    /** 429: {@code why} the batch cannot be taken now; the client sends it again after {@code retryAfter}. */
    static ApiError overloaded(String why, Duration retryAfter) {
        return new ApiError(429, "overloaded", why + "; nothing of this batch was kept, send it again later", retryAfter);
    }

    /** Intake's answer when neither the store nor a fallback file took the batch. */
    static ApiError nothingKept(String reason, Duration retryAfter) {
        return new ApiError(503, "storage_unavailable", "neither the store nor a fallback file can take records ("
                + reason + "); nothing of this batch was kept", retryAfter);
    }

    /** A connection broken mid-body is an everyday event, not our failure: a 400, not a 5xx. */
    static ApiError unreadableBody() {
        return new ApiError(400, "unreadable_request", "the request could not be read to its end");
    }
}
