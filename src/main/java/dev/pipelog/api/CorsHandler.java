package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for the exact origins in {@code ALLOW_ORIGINS}; none by default. Preflights
 * are answered here; other requests get the allow headers and go on.
 */
final class CorsHandler implements HttpHandler {
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");

    private final HttpHandler next;
    private final Set<String> allowOrigins;

    CorsHandler(HttpHandler next, List<String> allowOrigins) {
        this.next = next;
        this.allowOrigins = Set.copyOf(allowOrigins);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null) {
            next.handleRequest(exchange);
            return;
        }
        exchange.getResponseHeaders().add(Headers.VARY, "Origin");
        boolean allowed = allowOrigins.contains(origin);
        if (SecurityHandler.isPreflight(exchange)) {
            if (!allowed) {
                throw new ApiException(403, "forbidden_origin", "the origin " + origin + " is not in ALLOW_ORIGINS");
            }
            exchange.getResponseHeaders()
                    .put(ALLOW_ORIGIN, origin)
                    .put(ALLOW_METHODS, "GET, POST")
                    .put(ALLOW_HEADERS, "Authorization, Content-Type, Content-Encoding, X-Pipeline-Id, X-Execution-Id,"
                            + " X-Correlation-Id, traceparent")
                    .put(MAX_AGE, "600");
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        if (allowed) {
            exchange.getResponseHeaders()
                    .put(ALLOW_ORIGIN, origin)
                    .put(EXPOSE_HEADERS, "X-Correlation-Id, Retry-After");
        }
        next.handleRequest(exchange);
    }
}
