package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Caps request bodies: a declared length over the limit is refused before reading, a chunked body
 * fails once it passes it. The decoders apply the same limit after decompression.
 */
final class BodyLimitHandler implements HttpHandler {
    private final HttpHandler next;
    private final long maxBodyBytes;

    BodyLimitHandler(HttpHandler next, long maxBodyBytes) {
        this.next = next;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            throw new ApiException(ExceptionMapper.bodyTooLarge(maxBodyBytes));
        }
        exchange.setMaxEntitySize(maxBodyBytes);
        next.handleRequest(exchange);
    }
}
