package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Caps request bodies at {@code maxBodyBytes}. A declared length over the limit is answered 413
 * after the body is read and dropped (clients write the whole body before they read the answer, so
 * answering first and closing would reset the connection under them and lose the 413); a chunked
 * body is checked as it arrives ({@link RequestBody}). Past a hard cap even draining stops and the
 * connection is cut. The decoders apply the same limit after decompression.
 */
final class BodyLimitHandler implements HttpHandler {
    /**
     * Beyond the limit plus this much, an oversized body is not even drained. Undertow fixes a chunked
     * body's cap when the request starts, so the server-wide max entity size is set from this.
     */
    static final long MAX_DRAIN_BYTES = 64L << 20;

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
        next.handleRequest(exchange);
    }

    private void refuse(HttpServerExchange exchange, long declared) {
        ApiError error = ExceptionMapper.bodyTooLarge(maxBodyBytes);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        if (declared > maxBodyBytes + MAX_DRAIN_BYTES) {
            Responses.error(exchange, error);
            return;
        }
        RequestBody.discard(exchange, () -> Responses.error(exchange, error));
    }
}
