package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one CLEF event (Serilog's compact JSON: one object per line) into a wire record. Reused by
 * Seq intake and by file import, one line at a time.
 *
 * <p>Mapping: {@code @t} → timestamp; {@code @m}, else {@code @mt} rendered with the event's
 * properties → message (the template itself is kept in extra {@code message_template});
 * {@code @l} → level (Verbose → TRACE, Information → INFO, Fatal → CRITICAL; none means INFO);
 * {@code @x} → stack_trace; {@code @tr} → correlation_id; {@code @sp} → span_id; {@code @ps} →
 * parent_span_id; {@code @i} → extra {@code event_id}. Properties: {@code SourceContext} → logger,
 * {@code ThreadId}/{@code ThreadName} → thread, {@code ProcessId} → process_id, {@code MachineName}
 * → host, {@code pipeline_id}/{@code PipelineId} (else {@code Application}) → pipeline_id,
 * {@code execution_id}/{@code ExecutionId}, {@code correlation_id}/{@code CorrelationId}; every
 * other property (and any other {@code @} field) → extra. {@code @@name} is the property {@code @name}.
 * Thread-safe (stateless).
 */
public final class ClefEventDecoder {

    /** One CLEF line as a record, normalised by the same rules as every other intake. */
    public LogRecord decode(String line, IntakeContext context) throws RecordRejectedException {
        return WireRecords.one(toWireRecord(parseLine(line)), context, WireFormat.SEQ);
    }

    static JsonNode parseLine(String line) throws RecordRejectedException {
        try (JsonParser p = RecordJson.MAPPER.getFactory().createParser(line)) {
            JsonNode node = RecordJson.MAPPER.readTree(p);
            if (node == null || !node.isObject()) {
                throw new RecordRejectedException("a CLEF event must be a JSON object");
            }
            if (p.nextToken() != null) {
                throw new RecordRejectedException("unexpected content after the JSON object at column "
                        + p.currentLocation().getColumnNr());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException("malformed JSON at column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new RecordRejectedException("unreadable line: " + e.getMessage());
        }
    }

    /** A CLEF event (a JSON object) as a wire record. */
    public ObjectNode toWireRecord(JsonNode event) throws RecordRejectedException {
        if (event == null || !event.isObject()) {
            throw new RecordRejectedException("a CLEF event must be a JSON object");
        }
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (name.startsWith("@@")) {
                properties.set(name.substring(1), value);
            } else if (name.startsWith("@")) {
                reified(name, value, wire, extra);
            } else {
                properties.set(name, value);
            }
        }
        if (!wire.has("message")) {
            JsonNode template = event.get("@mt");
            wire.put("message", template != null && template.isTextual()
                    ? MessageTemplate.render(template.textValue(), properties) : "");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = wellKnownProperty(e.getKey());
            if (field != null && e.getValue().isValueNode() && !wire.has(field)) {
                wire.set(field, e.getValue());
            } else {
                extra.set(e.getKey(), e.getValue());
            }
        }
        JsonNode application = properties.get("Application");
        if (!wire.has("pipeline_id") && application != null && application.isTextual()) {
            wire.set("pipeline_id", application);
        }
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    private static void reified(String name, JsonNode value, ObjectNode wire, ObjectNode extra) {
        switch (name) {
            case "@t": wire.set("timestamp", value); break;
            case "@m": wire.set("message", value); break;
            case "@mt": extra.set("message_template", value); break;
            case "@l": wire.set("level", level(value)); break;
            case "@x": wire.set("stack_trace", value); break;
            case "@tr": wire.set("correlation_id", value); break;
            case "@sp": wire.set("span_id", value); break;
            case "@ps": wire.set("parent_span_id", value); break;
            case "@i": extra.set("event_id", value); break;
            case "@r": extra.set("renderings", value); break;
            default: extra.set(name.substring(1), value);
        }
    }

    /** Serilog's level names; anything else goes to the normaliser as sent. */
    static JsonNode level(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        switch (value.textValue().strip().toLowerCase(Locale.ROOT)) {
            case "verbose": case "trace": return JsonNodeFactory.instance.textNode("TRACE");
            case "information": case "info": return JsonNodeFactory.instance.textNode("INFO");
            case "fatal": return JsonNodeFactory.instance.textNode("CRITICAL");
            default: return value;
        }
    }

    private static String wellKnownProperty(String name) {
        switch (name) {
            case "SourceContext": return "logger";
            case "ThreadId": case "ThreadName": return "thread";
            case "ProcessId": return "process_id";
            case "MachineName": return "host";
            case "pipeline_id": case "PipelineId": return "pipeline_id";
            case "execution_id": case "ExecutionId": return "execution_id";
            case "correlation_id": case "CorrelationId": return "correlation_id";
            default: return null;
        }
    }

    /**
     * An event of the older JSON body Seq's own clients send ({@code {"Events":[{"Timestamp", "Level",
     * "MessageTemplate", "RenderedMessage", "Properties", "Exception"}]}}) in CLEF form.
     */
    static ObjectNode fromSeqJsonEvent(JsonNode event) throws RecordRejectedException {
        if (event == null || !event.isObject()) {
            throw new RecordRejectedException("an event must be a JSON object");
        }
        ObjectNode clef = JsonNodeFactory.instance.objectNode();
        copy(event, "Timestamp", clef, "@t");
        copy(event, "Level", clef, "@l");
        copy(event, "MessageTemplate", clef, "@mt");
        copy(event, "RenderedMessage", clef, "@m");
        copy(event, "Exception", clef, "@x");
        copy(event, "TraceId", clef, "@tr");
        copy(event, "SpanId", clef, "@sp");
        JsonNode properties = event.get("Properties");
        if (properties != null && properties.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                clef.set(e.getKey().startsWith("@") ? "@" + e.getKey() : e.getKey(), e.getValue());
            }
        }
        return clef;
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode v = from.get(name);
        if (v != null && !v.isNull()) {
            to.set(as, v);
        }
    }
}
