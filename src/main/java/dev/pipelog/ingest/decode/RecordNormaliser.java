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
 *   <li>timestamp: ISO-8601 or an epoch number (s, ms, µs, ns); missing means the receive time; unreadable or
 *       outside the years 0001 to 9999 ({@link Timestamps#isStorable}) is rejected;</li>
 *   <li>line and process_id: whole numbers within their column (32 and 64 bits), or the record is rejected;</li>
 *   <li>message and stack_trace longer than {@value #MAX_TEXT_CHARS} characters are cut, with a note saying so;
 *       other text fields longer than {@value #MAX_FIELD_CHARS} characters are rejected (cutting an id would change it);</li>
 *   <li>NUL characters are removed from every text field; numbers sent as text ({@code "42"}) are read as numbers;</li>
 *   <li>extra: an object is kept (nesting deeper than {@value #MAX_EXTRA_DEPTH} is rejected); any other value is
 *       kept as {@code {"value": ...}}; unknown top-level fields join extra (explicit extra keys win).</li>
 * </ul>
 * The same rules apply again when fallback files are replayed ({@link #restore}): this is the one
 * definition of a record the store can hold. Thread-safe (stateless).
 */
final class RecordNormaliser {
    static final int MAX_TEXT_CHARS = 1 << 20;
    static final int MAX_FIELD_CHARS = 1024;
    static final int MAX_EXTRA_DEPTH = 16;
    static final String STORABLE_RANGE = "accepted from " + Timestamps.MIN_STORABLE + " to " + Timestamps.MAX_STORABLE;

    private static final Set<String> WIRE_FIELDS = Set.of("id", "timestamp", "level", "logger", "message",
            "pipeline_id", "execution_id", "correlation_id", "span_id", "parent_span_id", "module", "function",
            "line", "thread", "process_id", "host", "extra", "stack_trace", "received_at", "source");

    /**
     * A record as a client sent it.
     *
     * @param ordinal the record's position in its request (index or line number): records of one
     *                request get receive times that increase by a microsecond each, so those without
     *                a timestamp of their own keep their order in every view (keyset order is
     *                timestamp, then id)
     */
    LogRecord normalise(JsonNode node, IntakeContext context, WireFormat format, int ordinal)
            throws RecordRejectedException {
        if (node == null || !node.isObject()) {
            throw new RecordRejectedException("not a JSON object");
        }
        Instant receivedAt = context.receivedAt(ordinal);
        return fields(node)
                .id(field(node, "id"))
                .timestamp(timestamp(node.get("timestamp"), receivedAt))
                .receivedAt(receivedAt)
                .pipelineId(orElse(field(node, "pipeline_id"), context.pipelineId()))
                .executionId(orElse(field(node, "execution_id"), context.executionId()))
                .correlationId(orElse(field(node, "correlation_id"), context.correlationId()))
                .host(orElse(field(node, "host"), context.clientHost()))
                .source(format.source())
                .build();
    }

    /**
     * A record read back from a fallback file ({@code RecordJson}'s form): the same rules as at
     * intake, so nothing reaches the store on replay that intake would have refused, and the
     * server-side fields (id, receive time, source) come from the line instead of a request.
     */
    LogRecord restore(JsonNode node) throws RecordRejectedException {
        if (node == null || !node.isObject()) {
            throw new RecordRejectedException("not a JSON object");
        }
        String id = field(node, "id");
        if (id == null) {
            throw new RecordRejectedException("a stored record needs its id");
        }
        JsonNode received = node.get("received_at");
        if (received == null || received.isNull()) {
            throw new RecordRejectedException("a stored record needs its received_at");
        }
        Instant receivedAt = timestamp(received, null);
        return fields(node)
                .id(id)
                .timestamp(timestamp(node.get("timestamp"), receivedAt))
                .receivedAt(receivedAt)
                .pipelineId(field(node, "pipeline_id"))
                .executionId(field(node, "execution_id"))
                .correlationId(field(node, "correlation_id"))
                .host(field(node, "host"))
                .source(field(node, "source"))
                .build();
    }

    /** The fields whose rules are the same whoever sent the record. */
    private static LogRecord.Builder fields(JsonNode node) throws RecordRejectedException {
        return LogRecord.builder()
                .level(level(node.get("level")))
                .logger(field(node, "logger"))
                .message(longText(node, "message"))
                .spanId(field(node, "span_id"))
                .parentSpanId(field(node, "parent_span_id"))
                .module(field(node, "module"))
                .function(field(node, "function"))
                .line(integer(node, "line"))
                .thread(field(node, "thread"))
                .processId(longNumber(node, "process_id"))
                .extra(extra(node))
                .stackTrace(longText(node, "stack_trace"));
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /** @param missing what a missing timestamp means; null when it may not be missing */
    private static Instant timestamp(JsonNode v, Instant missing) throws RecordRejectedException {
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            if (missing == null) {
                throw new RecordRejectedException("timestamp is missing");
            }
            return missing;
        }
        Instant t;
        if (v.isNumber()) {
            t = Timestamps.fromEpoch(decimal(v, "timestamp", STORABLE_RANGE)).orElseThrow(() -> new RecordRejectedException(
                    "timestamp " + preview(v.toString()) + " is out of range; " + STORABLE_RANGE));
        } else if (v.isTextual()) {
            t = IsoTimestamps.parse(v.textValue()).orElseThrow(() -> new RecordRejectedException(
                    "timestamp \"" + preview(v.textValue()) + "\" is neither ISO-8601 nor an epoch number"));
        } else {
            throw new RecordRejectedException("timestamp must be a string or a number");
        }
        if (!Timestamps.isStorable(t)) {
            throw new RecordRejectedException("timestamp " + preview(v.isTextual() ? "\"" + v.textValue() + "\""
                    : v.toString()) + " is out of range; " + STORABLE_RANGE);
        }
        return t;
    }

    /** A JSON number's exact value; a double that overflowed ({@code 1e400} is read as infinity) has none. */
    private static BigDecimal decimal(JsonNode v, String name, String accepted) throws RecordRejectedException {
        if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
            throw new RecordRejectedException(name + " is a number too large to read; " + accepted);
        }
        return v.decimalValue();
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
            throw new RecordRejectedException(name + " must be a whole number from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ", was " + preview(n.toString()));
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
            throw new RecordRejectedException(name + " must be a whole number from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", was " + preview(n.toString()));
        }
    }

    private static BigDecimal number(JsonNode node, String name) throws RecordRejectedException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            return null;
        }
        if (v.isNumber()) {
            return decimal(v, name, "a whole number is expected");
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
