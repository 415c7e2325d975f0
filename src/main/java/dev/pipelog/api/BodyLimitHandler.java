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
        long declared = declaredLength(exchange);
        if (declared > maxBodyBytes) {
            refuse(exchange, declared);
            return;
        }
        next.handleRequest(exchange);
    }

    /**
     * The declared {@code Content-Length}, -1 when there is none; {@link Long#MAX_VALUE} for digits
     * too many for a long ({@code 99999999999999999999999}), which Undertow's own getter answered
     * with a NumberFormatException and so a 500.
     */
    private static long declaredLength(HttpServerExchange exchange) {
        String text = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (text == null) {
            return -1;
        }
        String digits = text.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiException(400, "malformed_request", "Content-Length \"" + text + "\" is not a number of bytes");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void refuse(HttpServerExchange exchange, long declared) {
        ApiError error = ExceptionMapper.bodyTooLarge(maxBodyBytes);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        // Answered at once, from the header alone: a client that declared more than it sends must not
        // wait for a body that never comes. Undertow drains what does come after the answer (up to
        // the server's max entity size) before closing, so a client still writing reads its 413.
        Responses.error(exchange, error);
    }
}
