package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Moves store work off the IO threads onto the worker pool. Failures there are answered here: the
 * outer exception mapping has already returned by the time a worker runs.
 */
final class BlockingDispatchHandler implements HttpHandler {
    private final HttpHandler next;
    private final long maxBodyBytes;

    BlockingDispatchHandler(HttpHandler next, long maxBodyBytes) {
        this.next = next;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        try {
            next.handleRequest(exchange);
        } catch (Exception | VirtualMachineError e) {
            Responses.error(exchange, ExceptionMapper.toError(e, maxBodyBytes));
        }
    }
}
