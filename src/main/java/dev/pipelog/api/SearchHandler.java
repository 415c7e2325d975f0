package dev.pipelog.api;

import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/logs/search}: newest first, keyset pages, and the exact total of matches.
 * {@code q} is a case-insensitive substring; {@code regex} a regular expression (RE2 syntax) — or,
 * as {@code regex=true}, a flag that reads {@code q} as one.
 */
final class SearchHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of("q", "regex", "level", "pipeline_id", "execution_id", "logger",
            "correlation_id", "span_id", "since", "until", "hours", "limit", "cursor");

    private final LogStore store;

    SearchHandler(LogStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Params p = new Params(exchange, PARAMETERS);
        // Relative bounds ("15m") resolved once, so the count and the page describe the same window.
        Instant now = Instant.now();
        LogQuery query = LogQuery.builder()
                .pipelineId(p.text("pipeline_id"))
                .executionId(p.text("execution_id"))
                .levels(p.levels("level"))
                .since(fixed(p.since(), now))
                .until(fixed(p.time("until"), now))
                .loggerPrefix(p.text("logger"))
                .correlationId(p.text("correlation_id"))
                .spanId(p.text("span_id"))
                .limit(p.integer("limit", LogQuery.DEFAULT_LIMIT, 1, LogQuery.MAX_LIMIT))
                .cursor(p.cursor("cursor"))
                .text(text(p))
                .regex(isRegex(p))
                .build();
        Page<LogRecord> page;
        long total;
        try {
            // Two reads, two snapshots: counting first means a client that sees total > 0 also
            // finds those records in the page (records only arrive between the reads, never leave).
            total = store.count(query);
            page = store.find(query);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.badParameter(query.regex() ? "regex" : "q", e.getMessage()));
        }
        Responses.json(exchange, 200, g -> ApiJson.page(g, page, total));
    }

    private static TimeBound fixed(TimeBound bound, Instant now) {
        return bound == null ? null : TimeBound.at(bound.resolve(now));
    }

    private static String text(Params p) {
        String q = p.text("q");
        String regex = p.text("regex");
        if (regex == null || isFlag(regex)) {
            return q;
        }
        if (q != null) {
            throw new ApiException(ApiError.badParameter("regex", "give q (substring) or regex (pattern), not both"));
        }
        return regex;
    }

    private static boolean isRegex(Params p) {
        String regex = p.text("regex");
        return regex != null && (!isFlag(regex) || regex.equalsIgnoreCase("true"));
    }

    private static boolean isFlag(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }
}
