package dev.pipelog.api;

import dev.pipelog.model.Correlation;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** {@code GET /api/logs/correlation/{correlation_id}}: the records in time order and their tree. */
final class CorrelationHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of();

    private final LogStore store;

    CorrelationHandler(LogStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Params p = new Params(exchange, PARAMETERS);
        String id = p.path("correlation_id");
        Correlation correlation = store.correlation(id);
        if (correlation.isEmpty()) {
            throw new ApiException(ApiError.notFound("no records with correlation id " + id));
        }
        Responses.json(exchange, 200, g -> ApiJson.correlation(g, correlation));
    }
}
