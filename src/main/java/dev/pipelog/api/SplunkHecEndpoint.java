package dev.pipelog.api;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.SplunkHecDecoder;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splunk HEC: {@code /services/collector[/event[/1.0]]} and {@code /services/collector/raw[/1.0]}.
 * Routed by path, not content type: Splunk's own clients send JSON as a form type. Success is
 * {@code {"text":"Success","code":0}}; errors are HEC's {@code {"text","code"}} (6 invalid data format,
 * 5 no data, 9 server busy). When some events are refused the answer is HEC's 400 with
 * {@code invalid-event-number} (the first refused) while the others are kept, and the text says so.
 */
final class SplunkHecEndpoint implements ProtocolEndpoint {
    static final Set<String> EVENT_PARAMETERS = Set.of("channel");
    static final Set<String> RAW_PARAMETERS = Set.of("channel", "source", "sourcetype", "host", "index");

    private final SplunkHecDecoder decoder;
    private final boolean raw;

    SplunkHecEndpoint(long maxBodyBytes, boolean raw) {
        this.decoder = new SplunkHecDecoder(maxBodyBytes);
        this.raw = raw;
    }

    @Override
    public Decoding prepare(HttpServerExchange exchange) {
        if (!raw) {
            return decoder::decodeEvents;
        }
        SplunkHecDecoder.RawMetadata metadata = new SplunkHecDecoder.RawMetadata(query(exchange, "source"),
                query(exchange, "sourcetype"), query(exchange, "host"), query(exchange, "index"));
        return (body, context) -> decoder.decodeRaw(body, metadata, context);
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.peekFirst().isBlank() ? null : values.peekFirst();
    }

    @Override
    public void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            Responses.json(exchange, 200, g -> {
                g.writeStartObject();
                g.writeStringField("text", "Success");
                g.writeNumberField("code", 0);
                g.writeEndObject();
            });
            return;
        }
        Rejection first = rejections.get(0);
        Responses.json(exchange, 400, g -> {
            g.writeStartObject();
            g.writeStringField("text", "Invalid data format: event " + first.index() + ": " + first.reason() + " ("
                    + rejections.size() + " refused, " + accepted + " stored; do not send the stored ones again)");
            g.writeNumberField("code", 6);
            g.writeNumberField("invalid-event-number", first.index());
            g.writeEndObject();
        });
    }

    @Override
    public void failed(HttpServerExchange exchange, ApiError error) {
        Responses.retryAfter(exchange, error);
        int code = error.status() == 503 || error.status() == 429 ? 9
                : error.status() == 401 ? 2 : error.message().startsWith("no data") ? 5 : 6;
        Responses.json(exchange, error.status(), g -> {
            g.writeStartObject();
            g.writeStringField("text", error.message());
            g.writeNumberField("code", code);
            g.writeEndObject();
        });
    }
}
