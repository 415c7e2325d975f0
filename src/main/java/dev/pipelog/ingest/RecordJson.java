package dev.pipelog.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * The canonical JSON form of a stored record (snake_case, as in the API contract). Used for API
 * responses and for fallback files, which are read back with {@link #read(JsonNode)}.
 * Thread-safe.
 */
public final class RecordJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private RecordJson() {
    }

    public static void write(LogRecord r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("timestamp", r.timestamp().toString());
        g.writeStringField("received_at", r.receivedAt().toString());
        g.writeStringField("level", r.level().name());
        field(g, "logger", r.logger());
        g.writeStringField("message", r.message());
        field(g, "pipeline_id", r.pipelineId());
        field(g, "execution_id", r.executionId());
        field(g, "correlation_id", r.correlationId());
        field(g, "span_id", r.spanId());
        field(g, "parent_span_id", r.parentSpanId());
        field(g, "module", r.module());
        field(g, "function", r.function());
        if (r.line() != null) {
            g.writeNumberField("line", r.line());
        }
        field(g, "thread", r.thread());
        if (r.processId() != null) {
            g.writeNumberField("process_id", r.processId());
        }
        field(g, "host", r.host());
        field(g, "source", r.source());
        if (r.extra() != null) {
            g.writeFieldName("extra");
            g.writeRawValue(r.extra());
        }
        field(g, "stack_trace", r.stackTrace());
        g.writeEndObject();
    }

    /** One record as a single line of JSON (no line break). */
    public static String toLine(LogRecord r) {
        var out = new java.io.StringWriter(256 + r.message().length());
        writeTo(r, out);
        return out.toString();
    }

    public static void writeTo(LogRecord r, Writer out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(r, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a record written by {@link #write}. Not a validator for client input: a missing id,
     * timestamp or level is an error here.
     *
     * @throws IllegalArgumentException when the node is not a stored record
     */
    public static LogRecord read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            JsonNode extra = n.get("extra");
            return new LogRecord(
                    required(n, "id"),
                    Instant.parse(required(n, "timestamp")),
                    Instant.parse(required(n, "received_at")),
                    Level.valueOf(required(n, "level")),
                    text(n, "logger"), text(n, "message"), text(n, "pipeline_id"), text(n, "execution_id"),
                    text(n, "correlation_id"), text(n, "span_id"), text(n, "parent_span_id"),
                    text(n, "module"), text(n, "function"),
                    n.hasNonNull("line") ? n.get("line").intValue() : null,
                    text(n, "thread"),
                    n.hasNonNull("process_id") ? n.get("process_id").longValue() : null,
                    text(n, "host"), text(n, "source"),
                    extra == null || extra.isNull() ? null : MAPPER.writeValueAsString(extra),
                    text(n, "stack_trace"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored record: " + e.getMessage(), e);
        }
    }

    public static LogRecord readLine(String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            return read(MAPPER.readTree(p));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.textValue();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

}
