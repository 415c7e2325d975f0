package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Caps request bodies: a declared length over the limit is answered 413 without keeping any of it,
 * a chunked body fails once it passes the limit. The decoders apply the same limit after decompression.
 */
final class BodyLimitHandler implements HttpHandler {
    /** Beyond this much, an oversized body is not even drained: the connection is cut after the answer. */
    private static final long MAX_DRAIN_BYTES = 64L << 20;

    private final HttpHandler next;
    private final long maxBodyBytes;

    BodyLimitHandler(HttpHandler next, long maxBodyBytes) {
        this.next = next;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBodyBytes) {
            refuse(exchange, declared);
            return;
        }
        exchange.setMaxEntitySize(maxBodyBytes);
        next.handleRequest(exchange);
    }

    // Clients write the whole body before they read the answer; answering first and closing would
    // reset the connection under them and the 413 would be lost. So the body is read and dropped.
    private void refuse(HttpServerExchange exchange, long declared) {
        ApiError error = ExceptionMapper.bodyTooLarge(maxBodyBytes);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        if (declared > MAX_DRAIN_BYTES) {
            Responses.error(exchange, error);
            return;
        }
        exchange.setMaxEntitySize(declared);
        exchange.getRequestReceiver().receivePartialBytes(
                (ex, ignored, last) -> {
                    if (last) {
                        Responses.error(ex, error);
                    }
                },
                (ex, failure) -> Responses.error(ex, error));
    }
}
