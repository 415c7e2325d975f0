package dev.pipelog.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The canonical JSON form of a stored record (snake_case, as in the API contract). Used for API
 * responses and for fallback files, which are read back under intake's rules by
 * {@code ingest.decode.StoredRecordReader}.
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

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

}
