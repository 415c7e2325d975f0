package dev.pipelog.api;

import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** {@code GET /api/logs/pipeline/{pipeline_id}}: that pipeline's records, newest first, in keyset pages. */
final class PipelineLogsHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of("execution_id", "level", "since", "until", "hours", "limit", "cursor");

    private final LogStore store;

    PipelineLogsHandler(LogStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Params p = new Params(exchange, PARAMETERS);
        String pipelineId = p.path("pipeline_id");
        LogQuery query = LogQuery.builder()
                .pipelineId(pipelineId)
                .executionId(p.text("execution_id"))
                .levels(p.levels("level"))
                .since(p.since())
                .until(p.time("until"))
                .limit(p.integer("limit", LogQuery.DEFAULT_LIMIT, 1, LogQuery.MAX_LIMIT))
                .cursor(p.cursor("cursor"))
                .build();
        Page<LogRecord> page = store.find(query);
        if (page.items().isEmpty() && query.cursor() == null) {
            KnownPipelines.require(store, pipelineId);
        }
        Responses.json(exchange, 200, g -> ApiJson.page(g, page, null));
    }
}
