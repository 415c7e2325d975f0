package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser made from the format string of a Python {@code logging.Formatter}: the same string the
 * pipeline's logging uses, in {@code %(name)s} style ({@code %(asctime)s - %(name)s - %(levelname)s -
 * %(message)s}) or {@code {name}} style ({@code {asctime}|[{levelname:<21}]|{message}}). Each
 * attribute becomes a group of a regular expression that must match the whole line; padded
 * attributes ({@code %(levelname)-8s}) may carry spaces. {@code asctime} without an offset is read
 * in the given zone, as Python writes local time. Lines that do not match belong to the record
 * before (tracebacks). Immutable.
 */
final class LoggingFormatParser implements LineParser {
    private static final Pattern PERCENT = Pattern.compile("%\\((\\w+)\\)([-#0 +]*\\d*(?:\\.\\d+)?)[sdfrixXeEgGo]");
    private static final Pattern BRACE = Pattern.compile("\\{(\\w+)(?::([^}]*))?\\}");
    private static final String ASCTIME =
            "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[,.]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?";
    private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("asctime", ASCTIME),
            Map.entry("created", NUMBER),
            Map.entry("msecs", NUMBER),
            Map.entry("relativeCreated", NUMBER),
            Map.entry("levelname", "[A-Za-z]+"),
            Map.entry("levelno", "\\d+"),
            Map.entry("lineno", "\\d+"),
            Map.entry("process", "\\d+"),
            Map.entry("thread", "\\d+"),
            Map.entry("name", "\\S+?"),
            Map.entry("module", "\\S+?"),
            Map.entry("funcName", "\\S+?"),
            Map.entry("filename", "\\S+?"),
            Map.entry("pathname", "\\S+?"));

    private final String format;
    private final Pattern pattern;
    private final List<String> attributes;
    private final ZoneId zone;

    private LoggingFormatParser(String format, Pattern pattern, List<String> attributes, ZoneId zone) {
        this.format = format;
        this.pattern = pattern;
        this.attributes = attributes;
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException when the string names no attribute, or not {@code message}
     */
    static LoggingFormatParser of(String format, ZoneId zone) {
        boolean brace = !PERCENT.matcher(format).find() && BRACE.matcher(format).find();
        Matcher m = (brace ? BRACE : PERCENT).matcher(format);
        StringBuilder regex = new StringBuilder("^");
        List<String> attributes = new ArrayList<>();
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(format.substring(at, m.start()).replace(brace ? "{{" : "%%", brace ? "{" : "%")));
            String attribute = m.group(1);
            String spec = m.group(2) == null ? "" : m.group(2);
            boolean padded = spec.matches(".*\\d.*");
            boolean last = m.end() == format.length();
            String body = GROUPS.getOrDefault(attribute, "message".equals(attribute) && last ? ".*" : ".*?");
            regex.append(padded ? " *(" : "(").append(body).append(padded ? ") *" : ")");
            attributes.add(attribute);
            at = m.end();
        }
        regex.append(Pattern.quote(format.substring(at))).append(at == format.length() ? "" : "\\s*").append('$');
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("the format \"" + format
                    + "\" names no attribute; write it as in logging.Formatter, e.g. %(asctime)s %(levelname)s %(message)s");
        }
        if (!attributes.contains("message")) {
            throw new IllegalArgumentException("the format \"" + format + "\" has no %(message)s");
        }
        return new LoggingFormatParser(format, Pattern.compile(regex.toString()), List.copyOf(attributes), zone);
    }

    String format() {
        return format;
    }

    @Override
    public Optional<ObjectNode> parse(String line) {
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        ObjectNode wire = WireFields.NODES.objectNode();
        String msecs = null;
        for (int i = 0; i < attributes.size(); i++) {
            String value = m.group(i + 1);
            String attribute = attributes.get(i);
            switch (attribute) {
                case "asctime": wire.put("timestamp", asctime(value)); break;
                case "created": if (!wire.has("timestamp")) { wire.put("timestamp", value); } break;
                case "msecs": msecs = value; break;
                case "levelname": wire.put("level", value); break;
                case "levelno": if (!wire.has("level")) { wire.put("level", Integer.parseInt(value)); } break;
                case "name": wire.put("logger", value); break;
                case "message": wire.put("message", value); break;
                case "module": wire.put("module", value); break;
                case "funcName": wire.put("function", value); break;
                case "lineno": wire.put("line", Integer.parseInt(value)); break;
                case "process": wire.put("process_id", Long.parseLong(value)); break;
                case "threadName": wire.put("thread", value.strip()); break;
                case "thread": wire.put("thread_id", value); break;
                default: wire.put(attribute, value.strip());
            }
        }
        if (msecs != null && wire.has("timestamp") && !wire.get("timestamp").asText().contains(".")) {
            wire.put("timestamp", withMillis(wire.get("timestamp").asText(), msecs));
        }
        return Optional.of(WireFields.toWire(wire));
    }

    /** Python's asctime is local time with a comma before the milliseconds. */
    private String asctime(String text) {
        String iso = text.replace(',', '.').replace(' ', 'T');
        if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")) {
            return iso;
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            return text; // WireFields keeps an unreadable time as timestamp_text
        }
    }

    private static String withMillis(String isoInstant, String msecs) {
        try {
            Instant t = Instant.parse(isoInstant);
            long micros = new BigDecimal(msecs).movePointRight(3).longValue();
            return t.plusNanos(micros * 1000).toString();
        } catch (DateTimeParseException | NumberFormatException e) {
            return isoInstant;
        }
    }

    @Override
    public boolean continuationLines() {
        return true;
    }
}
