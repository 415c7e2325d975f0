package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seq's compact log event format: one JSON object per line with {@code @t} (required), {@code @m}
 * or the template {@code @mt} rendered with the event's properties, {@code @l} (missing means
 * Information), {@code @x} the exception, {@code @i} the event type; the other properties join extra.
 */
final class ClefLineParser implements LineParser {
    private static final Pattern HOLE = Pattern.compile("\\{([@$]?)([A-Za-z0-9_.]+)(?:[,:][^}]*)?\\}");

    @Override
    public Optional<ObjectNode> parse(String line) {
        Optional<ObjectNode> object = JsonLineParser.object(line);
        if (object.isEmpty() || !object.get().has("@t")) {
            return Optional.empty();
        }
        ObjectNode event = object.get();
        JsonNode time = event.remove("@t");
        JsonNode level = event.remove("@l");
        JsonNode message = event.remove("@m");
        JsonNode template = event.remove("@mt");
        JsonNode exception = event.remove("@x");
        JsonNode type = event.remove("@i");
        JsonNode logger = event.remove("SourceContext");
        event.remove("@r"); // renderings of format specifiers; the rendered message already has them
        // The remaining properties fill the template and then stay as extra; the @ fields win over
        // a property of the same wire name.
        String text = message != null && !message.isNull() ? message.asText()
                : template != null && template.isTextual() ? render(template.textValue(), event) : "";
        ObjectNode wire = event;
        wire.set("timestamp", time);
        wire.put("level", level == null || level.isNull() ? "INFO" : level.asText());
        wire.put("message", text);
        if (template != null) {
            wire.set("message_template", template);
        }
        if (exception != null) {
            wire.set("stack_trace", exception);
        }
        if (type != null) {
            wire.set("event_type", type);
        }
        if (logger != null) {
            wire.set("logger", logger);
        }
        return Optional.of(WireFields.toWire(wire));
    }

    /** Fills {@code {Name}} holes with the property's value; {@code {{} and {}}} are literal braces. */
    static String render(String template, ObjectNode properties) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        Matcher m = HOLE.matcher(template);
        int at = 0;
        while (m.find()) {
            if (m.start() > 0 && template.charAt(m.start() - 1) == '{') {
                continue;
            }
            out.append(template, at, m.start());
            JsonNode v = properties.get(m.group(2));
            out.append(v == null ? m.group() : v.isTextual() ? v.textValue() : v.toString());
            at = m.end();
        }
        out.append(template.substring(at));
        return out.toString().replace("{{", "{").replace("}}", "}");
    }

    @Override
    public boolean continuationLines() {
        return false;
    }
}
