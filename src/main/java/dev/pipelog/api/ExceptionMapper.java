package dev.pipelog.api;

import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.store.QueryTimeoutException;
import dev.pipelog.store.StoreException;
import io.undertow.server.RequestTooBigException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns anything a handler throws into the error response a client should see: the right status and
 * words, never a stack trace. Unexpected failures are logged here with their throwable. Stateless.
 */
final class ExceptionMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMapper.class);
    private static final Duration STORAGE_RETRY = Duration.ofSeconds(5);
    /** A query that ran out of time may fit once the machine is less busy; narrower filters help more. */
    private static final Duration QUERY_RETRY = Duration.ofSeconds(5);

    private ExceptionMapper() {
    }

    static ApiError toError(Throwable t, long maxBodyBytes) {
        Throwable cause = unwrap(t);
        if (cause instanceof ApiException api) {
            return api.error();
        }
        if (cause instanceof BodyOverBudgetException) {
            return ApiError.overloaded("Pipelog holds as many request bodies as its memory allows",
                    BodyBudget.RETRY_AFTER);
        }
        if (cause instanceof RequestTooBigException || cause instanceof BodyTooLargeException) {
            return bodyTooLarge(maxBodyBytes);
        }
        if (cause instanceof QueryTimeoutException timeout) {
            return new ApiError(504, "query_timeout", timeout.getMessage(), QUERY_RETRY);
        }
        if (cause instanceof StoreException store) {
            LOG.warn("storage failed while answering a request", store);
            return new ApiError(503, "storage_unavailable",
                    "the log store cannot answer right now; try again shortly", STORAGE_RETRY);
        }
        if (cause instanceof VirtualMachineError vm) {
            // Reads are bounded so this should not happen; if it does, this request fails and the
            // thread that ran it lives on to serve the next one.
            LOG.error("the JVM ran out of a resource while answering a request", vm);
            return new ApiError(503, "resources_exhausted", "Pipelog ran short of memory or stack answering this"
                    + " request; try again shortly, with narrower filters", STORAGE_RETRY);
        }
        LOG.error("unexpected failure while answering a request", cause);
        return new ApiError(500, "internal_error", "Pipelog failed to answer this request; its own log has the details");
    }

    static ApiError bodyTooLarge(long maxBodyBytes) {
        return new ApiError(413, "body_too_large", "the request body is larger than " + maxBodyBytes
                + " bytes (after decompression); send smaller batches or raise PIPELOG_MAX_BODY");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
