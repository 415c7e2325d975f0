package dev.pipelog.api;

import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.store.HistogramTooLargeException;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** {@code GET /api/logs/stats}: totals, levels, pipelines, a histogram by level and the top error loggers. */
final class StatsHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of("pipeline_id", "since", "until", "hours", "bucket");

    private final LogStore store;

    StatsHandler(LogStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Params p = new Params(exchange, PARAMETERS);
        StatsQuery query = new StatsQuery(p.text("pipeline_id"), p.since(), p.time("until"),
                p.duration("bucket", Params.MAX_BUCKET));
        Stats stats;
        try {
            stats = store.stats(query);
        } catch (HistogramTooLargeException e) {
            throw new ApiException(ApiError.badParameter("bucket", e.getMessage()));
        }
        Responses.json(exchange, 200, g -> ApiJson.stats(g, stats));
    }
}
