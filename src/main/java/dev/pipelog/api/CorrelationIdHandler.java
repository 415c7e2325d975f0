package dev.pipelog.api;

import dev.pipelog.model.RecordIds;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: its {@code X-Correlation-Id}, else the trace id of a W3C
 * {@code traceparent}, else a new one. Echoed on every response; records of the request that carry
 * none get it.
 */
final class CorrelationIdHandler implements HttpHandler {
    static final HttpString HEADER = new HttpString("X-Correlation-Id");
    static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    private static final HttpString TRACEPARENT = new HttpString("traceparent");
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:/=+\\-]{1,128}");
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");

    private final HttpHandler next;

    CorrelationIdHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String id = idOf(exchange);
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id);
        next.handleRequest(exchange);
    }

    private static String idOf(HttpServerExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(HEADER);
        if (given != null && ACCEPTED.matcher(given.strip()).matches()) {
            return given.strip();
        }
        String traceparent = exchange.getRequestHeaders().getFirst(TRACEPARENT);
        if (traceparent != null) {
            var m = TRACEPARENT_FORMAT.matcher(traceparent.strip());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return m.group(1);
            }
        }
        return RecordIds.next();
    }
}
