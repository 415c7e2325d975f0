package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Splunk HTTP Event Collector bodies. {@code /services/collector/event}: JSON envelopes one after the
 * other ({@code {"time","host","source","sourcetype","index","event","fields"}}); {@code .../raw}:
 * text, one event per line, with source/sourcetype/host from the query string. Mapping: event as text
 * → message; event as an object → its {@code message}/{@code msg}/{@code log} → message (an object
 * message as JSON text, the value in extra {@code message}), {@code severity}/{@code level} → level,
 * its other fields → extra; time (epoch seconds) → timestamp; host → host; a {@code pipeline_id} in
 * fields or event, else source, else sourcetype → pipeline_id; index, sourcetype and fields → extra.
 * Rejection indexes count events from 0. Thread-safe.
 */
public final class SplunkHecDecoder {
    private static final List<String> MESSAGE_FIELDS = List.of("message", "msg", "log");
    private static final List<String> LEVEL_FIELDS = List.of("severity", "level");

    /** Metadata a raw request carries in its query string. */
    public record RawMetadata(String source, String sourcetype, String host, String index) {
    }

    private final long maxBodyBytes;

    public SplunkHecDecoder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public IntakeBatch decodeEvents(ProtocolBody body, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        byte[] bytes = body.readAll(maxBodyBytes);
        WireRecords out = new WireRecords(context, WireFormat.SPLUNK_HEC);
        int index = 0;
        try (JsonParser p = RecordJson.MAPPER.getFactory().createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonNode envelope = RecordJson.MAPPER.readTree(p);
                if (!envelope.isObject() || !envelope.has("event")) {
                    out.reject(index++, "an event envelope must be a JSON object with an \"event\" field");
                    continue;
                }
                out.add(envelope(envelope), index++);
            }
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON after event " + index + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        if (out.size() == 0) {
            throw new MalformedBodyException("no data: the body holds no event");
        }
        return out.batch();
    }

    public IntakeBatch decodeRaw(ProtocolBody body, RawMetadata metadata, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        WireRecords out = new WireRecords(context, WireFormat.SPLUNK_HEC);
        byte[] bytes = body.readAll(maxBodyBytes);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            int index = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode wire = JsonNodeFactory.instance.objectNode();
                wire.put("message", line);
                ObjectNode extra = wire.putObject("extra");
                metadata(wire, extra, metadata.source(), metadata.sourcetype(), metadata.host(), metadata.index());
                if (extra.isEmpty()) {
                    wire.remove("extra");
                }
                out.add(wire, index++);
            }
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read: " + e.getMessage(), e);
        }
        if (out.size() == 0) {
            throw new MalformedBodyException("no data: the body holds no line");
        }
        return out.batch();
    }

    private static ObjectNode envelope(JsonNode envelope) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        JsonNode time = envelope.get("time");
        if (time != null && !time.isNull()) {
            // HEC's time is epoch seconds, as a number or a string ("1437522387.123").
            wire.set("timestamp", time.isTextual() && time.textValue().matches("\\d+(\\.\\d+)?")
                    ? JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(time.textValue())) : time);
        }
        JsonNode event = envelope.get("event");
        if (event.isObject()) {
            JsonNode message = first(event, MESSAGE_FIELDS);
            if (message == null) {
                wire.put("message", event.toString());
            } else if (message.isTextual()) {
                wire.set("message", message);
            } else {
                wire.put("message", message.toString());
                extra.set("message", message);
            }
            JsonNode level = first(event, LEVEL_FIELDS);
            if (level != null) {
                wire.set("level", level);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!MESSAGE_FIELDS.contains(e.getKey()) && !LEVEL_FIELDS.contains(e.getKey())) {
                    extra.set(e.getKey(), e.getValue());
                }
            }
        } else {
            wire.put("message", event.isTextual() ? event.textValue() : event.toString());
        }
        JsonNode fields = envelope.get("fields");
        if (fields != null && fields.isObject()) {
            fields.fields().forEachRemaining(e -> extra.set(e.getKey(), e.getValue()));
        }
        JsonNode explicitPipeline = extra.remove("pipeline_id");
        if (explicitPipeline != null && explicitPipeline.isTextual()) {
            wire.set("pipeline_id", explicitPipeline);
        }
        metadata(wire, extra, text(envelope, "source"), text(envelope, "sourcetype"), text(envelope, "host"),
                text(envelope, "index"));
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    private static void metadata(ObjectNode wire, ObjectNode extra, String source, String sourcetype, String host,
                                 String index) {
        if (!wire.has("pipeline_id")) {
            String pipeline = source != null ? source : sourcetype;
            if (pipeline != null) {
                wire.put("pipeline_id", pipeline);
            }
        }
        if (source != null && !source.equals(wire.path("pipeline_id").asText())) {
            extra.put("source", source);
        }
        if (sourcetype != null) {
            extra.put("sourcetype", sourcetype);
        }
        if (host != null) {
            wire.put("host", host);
        }
        if (index != null) {
            extra.put("index", index);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static JsonNode first(JsonNode node, List<String> names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }
}
