package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.model.Level;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the attributes of a Python {@code logging.LogRecord}, as {@code logging.handlers.HTTPHandler}
 * posts them (every value is {@code str()} of the attribute), onto the wire record the normaliser reads.
 *
 * <p>The message: a {@code message} attribute (set when a formatter ran, or by a handler that sends
 * {@code record.getMessage()}) is used as it is. Otherwise {@code msg % args} is redone here from the
 * {@code str()} of the args tuple by {@link PythonPercentFormat}; when that is not possible (a dict,
 * an object repr, a mismatch) the message is {@code msg} unformatted and the args text is kept in
 * extra as {@code args}. The traceback comes from {@code exc_text} (plus {@code stack_info}); a plain
 * HTTPHandler sends it only if a formatter ran before it (otherwise the {@code str()} of
 * {@code exc_info}, which names the exception, is kept in extra), which is why the README shows a
 * short subclass that sends both. Attributes outside the standard set become extra.
 */
final class PythonLogRecordMapper {
    private static final Set<String> STANDARD = Set.of("name", "msg", "args", "levelname", "levelno", "pathname",
            "filename", "module", "exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
            "relativeCreated", "thread", "threadName", "processName", "process", "taskName", "message", "asctime");
    private static final Set<String> PASSED_THROUGH = Set.of("id", "pipeline_id", "execution_id", "correlation_id",
            "span_id", "parent_span_id", "host", "timestamp", "level", "logger", "stack_trace");

    ObjectNode toWireRecord(Map<String, String> attrs) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        put(out, "logger", value(attrs, "name"));
        put(out, "level", level(attrs));
        put(out, "timestamp", value(attrs, "created"));
        put(out, "module", value(attrs, "module"));
        put(out, "function", value(attrs, "funcName"));
        put(out, "line", value(attrs, "lineno"));
        put(out, "thread", value(attrs, "threadName") != null ? value(attrs, "threadName") : value(attrs, "thread"));
        put(out, "process_id", value(attrs, "process"));
        put(out, "stack_trace", stackTrace(attrs));
        put(out, "message", message(attrs, extra));
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            if (PASSED_THROUGH.contains(e.getKey())) {
                put(out, e.getKey(), value(attrs, e.getKey()));
            } else if (!STANDARD.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        if (out.get("stack_trace") == null && value(attrs, "exc_info") != null) {
            // Without exc_text only str() of the exc_info tuple arrived: it still names the exception.
            extra.put("exc_info", value(attrs, "exc_info"));
        }
        if (!extra.isEmpty()) {
            out.set("extra", extra);
        }
        return out;
    }

    private static String level(Map<String, String> attrs) {
        String name = value(attrs, "levelname");
        if (name != null && Level.parse(name).isPresent()) {
            return name;
        }
        String number = value(attrs, "levelno");
        return number != null ? number : name;
    }

    private static String message(Map<String, String> attrs, ObjectNode extra) {
        String message = attrs.get("message");
        if (message != null) {
            return message;
        }
        String msg = attrs.getOrDefault("msg", "");
        String args = attrs.get("args");
        if (args == null || args.equals("()") || args.equals("None")) {
            return msg;
        }
        Optional<String> formatted = PythonPercentFormat.apply(msg, args);
        if (formatted.isEmpty()) {
            extra.put("args", args);
        }
        return formatted.orElse(msg);
    }

    private static String stackTrace(Map<String, String> attrs) {
        String exc = value(attrs, "exc_text");
        String stack = value(attrs, "stack_info");
        if (exc != null && stack != null) {
            return exc + "\n" + stack;
        }
        return exc != null ? exc : stack;
    }

    /** A standard attribute's value; Python's {@code str(None)} and empty text mean absent. */
    private static String value(Map<String, String> attrs, String name) {
        String v = attrs.get(name);
        return v == null || v.isEmpty() || v.equals("None") ? null : v;
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
