package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns one decoded JSON object (wire field names, see the API contract) into a {@link LogRecord},
 * or rejects it with a reason a client can act on. The rules, also in {@code docs/http-api.md}:
 * <ul>
 *   <li>level: a known spelling or a number (Python numbers); missing means INFO; anything else is rejected;</li>
 *   <li>timestamp: ISO-8601 or an epoch number (s, ms, µs, ns); missing means the receive time; unreadable is rejected;</li>
 *   <li>message and stack_trace longer than {@value #MAX_TEXT_CHARS} characters are cut, with a note saying so;
 *       other text fields longer than {@value #MAX_FIELD_CHARS} characters are rejected (cutting an id would change it);</li>
 *   <li>NUL characters are removed from every text field; numbers sent as text ({@code "42"}) are read as numbers;</li>
 *   <li>extra: an object is kept (nesting deeper than {@value #MAX_EXTRA_DEPTH} is rejected); any other value is
 *       kept as {@code {"value": ...}}; unknown top-level fields join extra (explicit extra keys win).</li>
 * </ul>
 * Thread-safe (stateless).
 */
final class RecordNormaliser {
    static final int MAX_TEXT_CHARS = 1 << 20;
    static final int MAX_FIELD_CHARS = 1024;
    static final int MAX_EXTRA_DEPTH = 16;

    private static final Set<String> WIRE_FIELDS = Set.of("id", "timestamp", "level", "logger", "message",
            "pipeline_id", "execution_id", "correlation_id", "span_id", "parent_span_id", "module", "function",
            "line", "thread", "process_id", "host", "extra", "stack_trace", "received_at", "source");

    LogRecord normalise(JsonNode node, IntakeContext context, WireFormat format) throws RecordRejectedException {
        if (node == null || !node.isObject()) {
            throw new RecordRejectedException("not a JSON object");
        }
        LogRecord.Builder b = LogRecord.builder()
                .id(field(node, "id"))
                .timestamp(timestamp(node.get("timestamp"), context.receivedAt()))
                .receivedAt(context.receivedAt())
                .level(level(node.get("level")))
                .logger(field(node, "logger"))
                .message(longText(node, "message"))
                .pipelineId(orElse(field(node, "pipeline_id"), context.pipelineId()))
                .executionId(orElse(field(node, "execution_id"), context.executionId()))
                .correlationId(orElse(field(node, "correlation_id"), context.correlationId()))
                .spanId(field(node, "span_id"))
                .parentSpanId(field(node, "parent_span_id"))
                .module(field(node, "module"))
                .function(field(node, "function"))
                .line(integer(node, "line"))
                .thread(field(node, "thread"))
                .processId(longNumber(node, "process_id"))
                .host(orElse(field(node, "host"), context.clientHost()))
                .source(format.source())
                .extra(extra(node))
                .stackTrace(longText(node, "stack_trace"));
        return b.build();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Instant timestamp(JsonNode v, Instant receivedAt) throws RecordRejectedException {
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            return receivedAt;
        }
        if (v.isNumber()) {
            return Timestamps.fromEpoch(v.decimalValue())
                    .orElseThrow(() -> new RecordRejectedException("timestamp " + v + " is out of range"));
        }
        if (v.isTextual()) {
            return IsoTimestamps.parse(v.textValue()).orElseThrow(() -> new RecordRejectedException(
                    "timestamp \"" + preview(v.textValue()) + "\" is neither ISO-8601 nor an epoch number"));
        }
        throw new RecordRejectedException("timestamp must be a string or a number");
    }

    private static Level level(JsonNode v) throws RecordRejectedException {
        if (v == null || v.isNull()) {
            return Level.INFO;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Level.fromNumber(v.intValue());
        }
        if (v.isTextual()) {
            return Level.parse(v.textValue()).orElseThrow(() -> new RecordRejectedException("unknown level \""
                    + preview(v.textValue()) + "\"; accepted: TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL,"
                    + " their common spellings (WARN, FATAL, SEVERE, ...) or a Python level number"));
        }
        throw new RecordRejectedException("level must be a string or a number");
    }

    private static String field(JsonNode node, String name) throws RecordRejectedException {
        String text = scalarText(node.get(name), name);
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_FIELD_CHARS) {
            throw new RecordRejectedException(name + " is longer than " + MAX_FIELD_CHARS + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    private static String longText(JsonNode node, String name) throws RecordRejectedException {
        JsonNode v = node.get(name);
        String text = v != null && (v.isObject() || v.isArray()) ? v.toString() : scalarText(v, name);
        if (text == null || text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        return text.substring(0, MAX_TEXT_CHARS) + "… [cut by Pipelog: " + text.length() + " characters in total]";
    }

    private static String scalarText(JsonNode v, String name) throws RecordRejectedException {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return withoutNul(v.textValue());
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        throw new RecordRejectedException(name + " must be a string, not " + (v.isObject() ? "an object" : "an array"));
    }

    private static Integer integer(JsonNode node, String name) throws RecordRejectedException {
        BigDecimal n = number(node, name);
        if (n == null) {
            return null;
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new RecordRejectedException(name + " must be a whole number, was " + n.toPlainString());
        }
    }

    private static Long longNumber(JsonNode node, String name) throws RecordRejectedException {
        BigDecimal n = number(node, name);
        if (n == null) {
            return null;
        }
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new RecordRejectedException(name + " must be a whole number, was " + n.toPlainString());
        }
    }

    private static BigDecimal number(JsonNode node, String name) throws RecordRejectedException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().strip());
            } catch (NumberFormatException e) {
                throw new RecordRejectedException(name + " must be a whole number, was \"" + preview(v.textValue()) + "\"");
            }
        }
        throw new RecordRejectedException(name + " must be a whole number");
    }

    private static String extra(JsonNode node) throws RecordRejectedException {
        JsonNode given = node.get("extra");
        if (onlyWireFields(node)) {
            // The common case, kept cheap: no unknown fields to merge.
            if (given == null || given.isNull()) {
                return null;
            }
            if (given.isObject()) {
                return given.isEmpty() ? null : checkedJson(given);
            }
        }
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!WIRE_FIELDS.contains(e.getKey()) && !e.getValue().isNull()) {
                extra.set(e.getKey(), e.getValue());
            }
        }
        if (given != null && given.isObject()) {
            extra.setAll((ObjectNode) given);
        } else if (given != null && !given.isNull()) {
            extra.set("value", given);
        }
        return extra.isEmpty() ? null : checkedJson(extra);
    }

    private static boolean onlyWireFields(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!WIRE_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static String checkedJson(JsonNode extra) throws RecordRejectedException {
        if (depth(extra) > MAX_EXTRA_DEPTH) {
            throw new RecordRejectedException("extra is nested deeper than " + MAX_EXTRA_DEPTH + " levels");
        }
        try {
            return RecordJson.MAPPER.writeValueAsString(extra);
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException("extra cannot be stored as JSON: " + e.getOriginalMessage());
        }
    }

    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    static String withoutNul(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    private static String preview(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
