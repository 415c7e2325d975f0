package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Answers anything thrown further in with a JSON error ({@link ExceptionMapper}); never a stack trace. */
final class ExceptionMappingHandler implements HttpHandler {
    private final HttpHandler next;
    private final long maxBodyBytes;

    ExceptionMappingHandler(HttpHandler next, long maxBodyBytes) {
        this.next = next;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception | VirtualMachineError e) {
            Responses.error(exchange, ExceptionMapper.toError(e, maxBodyBytes));
        }
    }
}
