package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.model.Level;
import dev.pipelog.model.Timestamps;
import java.util.List;
import java.util.Map;

/**
 * Renames the field names log files commonly use ({@code ts}, {@code @timestamp}, {@code lvl},
 * {@code log.level}, {@code msg}, {@code name}, ...) onto the wire names the normaliser reads, so a
 * file record and an HTTP record follow the same rules. A level or timestamp the normaliser would
 * reject is moved into extra under its original name instead: a file line is never lost for a
 * spelling. Stateless.
 */
final class WireFields {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Wire name, then the names files use for it, most specific first. In a fixed order, so the
     * fields a record keeps in extra come out the same on every run.
     */
    private static final List<Map.Entry<String, List<String>>> ALIASES = List.of(
            Map.entry("timestamp", List.of("timestamp", "@timestamp", "time", "ts", "@t", "datetime", "asctime", "date", "t")),
            Map.entry("level", List.of("level", "log.level", "severity", "lvl", "levelname", "loglevel", "@l", "severity_text", "l")),
            Map.entry("message", List.of("message", "msg", "@m", "text", "log", "event")),
            Map.entry("logger", List.of("logger", "name", "logger_name", "log.logger", "loggername", "component")),
            Map.entry("stack_trace", List.of("stack_trace", "stacktrace", "exception", "exc_text", "exc_info", "@x",
                    "error.stack_trace", "traceback")),
            Map.entry("thread", List.of("thread", "thread_name", "threadName", "process.thread.name")),
            Map.entry("function", List.of("function", "funcName", "func", "log.origin.function")),
            Map.entry("line", List.of("line", "lineno", "log.origin.file.line")),
            Map.entry("process_id", List.of("process_id", "pid", "process", "process.pid")),
            Map.entry("correlation_id", List.of("correlation_id", "trace_id", "traceId", "trace.id", "request_id")));

    private WireFields() {
    }

    /**
     * Rewrites {@code fields} in place: the first alias present of each wire field becomes the wire
     * field; the others stay (the normaliser puts unknown names into extra).
     */
    static ObjectNode toWire(ObjectNode fields) {
        flattenDotted(fields, "log", "level");
        for (Map.Entry<String, List<String>> e : ALIASES) {
            String wire = e.getKey();
            boolean checked = "level".equals(wire) || "timestamp".equals(wire);
            if (!checked && fields.hasNonNull(wire)) {
                continue;
            }
            String chosen = null;
            String firstPresent = null;
            for (String alias : e.getValue()) {
                JsonNode v = fields.get(alias);
                if (v == null || v.isNull() || v.isContainerNode()) {
                    continue;
                }
                firstPresent = firstPresent == null ? alias : firstPresent;
                if (!checked || readable(wire, v)) {
                    chosen = alias;
                    break;
                }
            }
            if (chosen != null) {
                fields.set(wire, fields.remove(chosen));
            } else if (firstPresent != null) {
                // Kept under its own name and a note: the normaliser would refuse the record for it.
                fields.set(wire + "_text", fields.remove(firstPresent));
            }
        }
        return fields;
    }

    /** ECS writes {@code {"log": {"level": "info"}}}; read it as {@code log.level}. */
    private static void flattenDotted(ObjectNode fields, String parent, String child) {
        JsonNode p = fields.get(parent);
        if (p != null && p.isObject() && p.has(child) && !fields.has(parent + "." + child)) {
            fields.set(parent + "." + child, ((ObjectNode) p).remove(child));
            if (p.isEmpty()) {
                fields.remove(parent);
            }
        }
    }

    private static boolean readable(String wire, JsonNode v) {
        if ("level".equals(wire)) {
            return (v.isIntegralNumber() && v.canConvertToInt()) || (v.isTextual() && Level.parse(v.textValue()).isPresent());
        }
        return v.isNumber() ? Timestamps.fromEpoch(v.decimalValue()).isPresent()
                : v.isTextual() && Timestamps.parse(v.textValue()).isPresent();
    }
}
