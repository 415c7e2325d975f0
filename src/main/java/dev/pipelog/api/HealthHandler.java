package dev.pipelog.api;

import dev.pipelog.ingest.HealthService;
import dev.pipelog.model.Health;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** {@code GET /api/health}: always 200 while the listener runs; {@code status} says ok or degraded. */
final class HealthHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of();

    private final HealthService health;
    private final OverloadCount overloads;
    private final IntakeRequestTally intakeRequests;

    HealthHandler(HealthService health, OverloadCount overloads, IntakeRequestTally intakeRequests) {
        this.health = health;
        this.overloads = overloads;
        this.intakeRequests = intakeRequests;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        new Params(exchange, PARAMETERS);
        Health h = health.health();
        Responses.json(exchange, 200, g -> ApiJson.health(g, h, overloads.total(), intakeRequests.total()));
    }
}
