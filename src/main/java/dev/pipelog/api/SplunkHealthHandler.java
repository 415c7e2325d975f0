package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** {@code GET /services/collector/health}: what HEC clients and load balancers probe before sending. */
final class SplunkHealthHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of();

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("text", "HEC is healthy");
            g.writeNumberField("code", 17);
            g.writeEndObject();
        });
    }
}
