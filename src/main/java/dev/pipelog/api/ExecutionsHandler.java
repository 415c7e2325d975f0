package dev.pipelog.api;

import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Set;

/** {@code GET /api/logs/pipeline/{pipeline_id}/executions}: execution summaries, newest first. */
final class ExecutionsHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of("since", "until", "hours", "limit");

    private final LogStore store;

    ExecutionsHandler(LogStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Params p = new Params(exchange, PARAMETERS);
        String pipelineId = p.path("pipeline_id");
        List<ExecutionSummary> executions = store.executions(pipelineId, p.since(), p.time("until"),
                p.integer("limit", 100, 1, 10_000));
        if (executions.isEmpty()) {
            KnownPipelines.require(store, pipelineId);
        }
        Responses.json(exchange, 200, g -> ApiJson.executions(g, pipelineId, executions));
    }
}
