package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * GELF 1.1 messages (Graylog): one JSON object, possibly gzip- or zlib-compressed (UDP). Mapping:
 * {@code short_message} → message; {@code full_message} → stack_trace (GELF's place for a backtrace);
 * {@code timestamp} (epoch seconds) → timestamp; {@code level} (syslog severity 0-7) → level;
 * {@code host} → host; additional fields {@code _x} → extra {@code x}, except {@code _pipeline_id}
 * (else Docker's {@code _tag}, else {@code _container_name}, else {@code _facility}) → pipeline_id,
 * {@code _execution_id}, {@code _correlation_id}, {@code _logger}, {@code _thread}, {@code _function},
 * {@code _line}, {@code _file} → module. Thread-safe.
 */
public final class GelfDecoder {
    private static final List<String> PIPELINE_FIELDS = List.of("_pipeline_id", "_tag", "_container_name", "_facility");
    private static final Map<String, String> FIELDS = Map.of("_execution_id", "execution_id",
            "_correlation_id", "correlation_id", "_logger", "logger", "_thread", "thread", "_function", "function",
            "_line", "line", "_file", "module", "_process_id", "process_id", "_pid", "process_id");

    private final long maxBodyBytes;

    public GelfDecoder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** One HTTP body: a single GELF message (Graylog's GELF HTTP input). */
    public IntakeBatch decodeHttp(ProtocolBody body, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException {
        WireRecords out = new WireRecords(context, WireFormat.GELF);
        out.add(wire(parse(body.readAll(maxBodyBytes))), 0);
        return out.batch();
    }

    /** One UDP payload (already reassembled from chunks) or TCP frame, compressed or not. */
    public LogRecord decodeMessage(byte[] payload, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException, RecordRejectedException {
        return WireRecords.one(wire(parse(inflate(payload))), context, WireFormat.GELF);
    }

    private byte[] inflate(byte[] payload) throws MalformedBodyException, BodyTooLargeException {
        boolean gzip = payload.length > 1 && payload[0] == (byte) 0x1f && payload[1] == (byte) 0x8b;
        boolean zlib = payload.length > 1 && payload[0] == (byte) 0x78;
        if (!gzip && !zlib) {
            return payload;
        }
        try (InputStream in = new BoundedInputStream(gzip ? new GZIPInputStream(new ByteArrayInputStream(payload))
                : new InflaterInputStream(new ByteArrayInputStream(payload)), maxBodyBytes)) {
            return in.readAllBytes();
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedBodyException("the GELF message is not valid " + (gzip ? "gzip" : "zlib") + ": "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode parse(byte[] json) throws MalformedBodyException {
        int end = json.length;
        while (end > 0 && json[end - 1] == 0) {
            end--;
        }
        try {
            JsonNode node = RecordJson.MAPPER.readTree(json, 0, end);
            if (node == null || !node.isObject()) {
                throw new MalformedBodyException("a GELF message is a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the message could not be read: " + e.getMessage(), e);
        }
    }

    static ObjectNode wire(JsonNode gelf) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        for (String name : PIPELINE_FIELDS) {
            JsonNode v = gelf.get(name);
            if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isEmpty()) {
                wire.put("pipeline_id", v.asText());
                break;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = gelf.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            switch (name) {
                case "short_message": wire.set("message", v); break;
                case "full_message": wire.set("stack_trace", v); break;
                case "timestamp": wire.set("timestamp", v); break;
                case "host": wire.set("host", v); break;
                case "level": wire.put("level", level(v)); break;
                case "version": break;
                default:
                    String field = FIELDS.get(name);
                    if (field != null && v.isValueNode()) {
                        wire.set(field, v);
                    } else if (!name.equals("_pipeline_id") || !wire.has("pipeline_id")) {
                        extra.set(name.startsWith("_") ? name.substring(1) : name, v);
                    }
            }
        }
        if (!wire.has("message")) {
            wire.put("message", "");
        }
        if (!extra.isEmpty()) {
            wire.set("extra", extra);
        }
        return wire;
    }

    /** GELF levels are syslog severities; anything else goes to the normaliser as sent. */
    private static String level(JsonNode v) {
        if (!v.canConvertToInt() && !(v.isTextual() && v.textValue().matches("[0-7]"))) {
            return v.asText();
        }
        switch (v.isTextual() ? Integer.parseInt(v.textValue()) : v.intValue()) {
            case 0: case 1: case 2: return "CRITICAL";
            case 3: return "ERROR";
            case 4: return "WARNING";
            case 7: return "DEBUG";
            default: return "INFO";
        }
    }
}
