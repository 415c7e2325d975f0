package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.model.LogRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Reads one syslog message (one frame, without its framing) in either RFC 5424 or RFC 3164 form into
 * a wire record. Reused by the syslog listener and by file import, one message or line at a time.
 *
 * <p>Mapping: severity → level (0-2 CRITICAL, 3 ERROR, 4 WARNING, 5-6 INFO, 7 DEBUG); APP-NAME / TAG →
 * pipeline_id and logger; HOSTNAME → host; a numeric PROCID → process_id (otherwise extra
 * {@code procid}); MSGID → extra {@code msgid}; the facility → extra {@code facility}; each
 * STRUCTURED-DATA element → extra under its SD-ID. A text that is not syslog at all is kept whole as
 * the message at INFO: a line is never lost for its shape.
 *
 * <p>RFC 3164 timestamps carry neither year nor zone: they are read in {@code localZone} (the sender
 * is normally this machine), in the year that puts them nearest before the receive time. Thread-safe.
 */
public final class SyslogMessageParser {
    private static final String NIL = "-";
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};

    private final ZoneId localZone;

    public SyslogMessageParser(ZoneId localZone) {
        this.localZone = Objects.requireNonNull(localZone, "localZone");
    }

    /** The message as a record, normalised by the same rules as every other intake. */
    public LogRecord parse(String message, IntakeContext context) throws RecordRejectedException {
        return WireRecords.one(toWireRecord(message, context.receivedAt()), context, WireFormat.SYSLOG);
    }

    /** The message as a wire record (API contract field names). */
    public ObjectNode toWireRecord(String message, Instant receivedAt) {
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        ObjectNode extra = wire.putObject("extra");
        Cursor c = new Cursor(stripTrailingNewline(message));
        int pri = c.priority();
        if (pri < 0) {
            wire.put("message", c.text);
            wire.remove("extra");
            return wire;
        }
        wire.put("level", level(pri & 7));
        int facility = pri >> 3;
        extra.put("facility", facility < FACILITIES.length ? FACILITIES[facility] : Integer.toString(facility));
        if (c.startsWith("1 ")) {
            c.skip(2);
            rfc5424(c, wire, extra);
        } else {
            rfc3164(c, receivedAt, wire, extra);
        }
        return wire;
    }

    private static String level(int severity) {
        switch (severity) {
            case 0: case 1: case 2: return "CRITICAL";
            case 3: return "ERROR";
            case 4: return "WARNING";
            case 7: return "DEBUG";
            default: return "INFO";
        }
    }

    private static void rfc5424(Cursor c, ObjectNode wire, ObjectNode extra) {
        String timestamp = c.token();
        if (!NIL.equals(timestamp)) {
            try {
                wire.put("timestamp", OffsetDateTime.parse(timestamp).toInstant().toString());
            } catch (DateTimeParseException e) {
                extra.put("syslog_timestamp", timestamp);
            }
        }
        putUnlessNil(wire, "host", c.token());
        String app = c.token();
        putUnlessNil(wire, "pipeline_id", app);
        putUnlessNil(wire, "logger", app);
        procId(c.token(), wire, extra);
        String msgId = c.token();
        if (!NIL.equals(msgId) && !msgId.isEmpty()) {
            extra.put("msgid", msgId);
        }
        if (c.startsWith(NIL)) {
            c.skip(1);
        } else {
            while (c.startsWith("[")) {
                if (!structuredData(c, extra)) {
                    break;
                }
            }
        }
        c.skipOneSpace();
        String msg = c.rest();
        // RFC 5424 marks a UTF-8 message with a byte order mark.
        wire.put("message", msg.startsWith("\uFEFF") ? msg.substring(1) : msg);
    }

    /** One {@code [id name="value" ...]} element; false (and the cursor unmoved) when it is malformed. */
    private static boolean structuredData(Cursor c, ObjectNode extra) {
        int start = c.pos;
        c.skip(1);
        String id = c.until(" ]");
        if (id.isEmpty()) {
            c.pos = start;
            return false;
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        while (c.startsWith(" ")) {
            c.skip(1);
            String name = c.until("=");
            if (!c.startsWith("=\"")) {
                c.pos = start;
                return false;
            }
            c.skip(2);
            StringBuilder value = new StringBuilder();
            while (c.pos < c.text.length() && c.text.charAt(c.pos) != '"') {
                char ch = c.text.charAt(c.pos++);
                if (ch == '\\' && c.pos < c.text.length() && "\"\\]".indexOf(c.text.charAt(c.pos)) >= 0) {
                    ch = c.text.charAt(c.pos++);
                }
                value.append(ch);
            }
            if (c.pos >= c.text.length()) {
                c.pos = start;
                return false;
            }
            c.skip(1);
            params.put(name, value.toString());
        }
        if (!c.startsWith("]")) {
            c.pos = start;
            return false;
        }
        c.skip(1);
        extra.set(id, params);
        return true;
    }

    private void rfc3164(Cursor c, Instant receivedAt, ObjectNode wire, ObjectNode extra) {
        Instant time = bsdTimestamp(c, receivedAt);
        if (time != null) {
            wire.put("timestamp", time.toString());
        }
        // HOSTNAME is optional in practice (local senders omit it): a first word that is already the
        // tag (ends with ':' or has '[pid]') means there is none.
        int save = c.pos;
        String first = c.token();
        if (first.isEmpty() || isTag(first)) {
            c.pos = save;
        } else {
            String rest = c.text.substring(c.pos);
            int space = rest.indexOf(' ');
            String second = space < 0 ? rest : rest.substring(0, space);
            if (isTag(second) || time != null) {
                wire.put("host", first);
            } else {
                c.pos = save;
            }
        }
        int save2 = c.pos;
        String tag = c.token();
        if (isTag(tag)) {
            String name = tag.endsWith(":") ? tag.substring(0, tag.length() - 1) : tag;
            int bracket = name.indexOf('[');
            if (bracket > 0 && name.endsWith("]")) {
                procId(name.substring(bracket + 1, name.length() - 1), wire, extra);
                name = name.substring(0, bracket);
            }
            wire.put("pipeline_id", name);
            wire.put("logger", name);
        } else {
            c.pos = save2;
        }
        wire.put("message", c.rest());
    }

    private static boolean isTag(String word) {
        return word.endsWith(":") || (word.indexOf('[') > 0 && word.endsWith("]"));
    }

    /** {@code Mmm dd hh:mm:ss} (day space-padded); null (cursor unmoved) when absent. */
    private Instant bsdTimestamp(Cursor c, Instant receivedAt) {
        if (c.text.length() - c.pos < 15) {
            return null;
        }
        String stamp = c.text.substring(c.pos, c.pos + 15);
        try {
            java.time.Month month = month(stamp.substring(0, 3));
            int day = Integer.parseInt(stamp.substring(4, 6).strip());
            int hour = Integer.parseInt(stamp.substring(7, 9));
            int minute = Integer.parseInt(stamp.substring(10, 12));
            int second = Integer.parseInt(stamp.substring(13, 15));
            if (stamp.charAt(3) != ' ' || stamp.charAt(6) != ' ' || stamp.charAt(9) != ':' || stamp.charAt(12) != ':') {
                return null;
            }
            ZonedDateTime now = receivedAt.atZone(localZone);
            MonthDay md = MonthDay.of(month, day);
            ZonedDateTime t = LocalDateTime.of(now.getYear(), month, md.getDayOfMonth(), hour, minute, second)
                    .atZone(localZone);
            // A December message received in January belongs to last year.
            if (t.isAfter(now.plusDays(1))) {
                t = t.minusYears(1);
            }
            c.skip(15);
            c.skipOneSpace();
            return t.toInstant();
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static java.time.Month month(String name) {
        for (java.time.Month m : java.time.Month.values()) {
            if (m.name().substring(0, 3).equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new DateTimeException("not a month: " + name);
    }

    private static void procId(String procId, ObjectNode wire, ObjectNode extra) {
        if (procId == null || procId.isEmpty() || NIL.equals(procId)) {
            return;
        }
        if (procId.chars().allMatch(Character::isDigit) && procId.length() < 19) {
            wire.put("process_id", Long.parseLong(procId));
        } else {
            extra.put("procid", procId);
        }
    }

    private static void putUnlessNil(ObjectNode wire, String field, String value) {
        if (!value.isEmpty() && !NIL.equals(value)) {
            wire.put(field, value);
        }
    }

    private static String stripTrailingNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A read position in one message. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        /** {@code <N>} at the start, 0..191; -1 (cursor unmoved) when absent. */
        int priority() {
            if (!text.startsWith("<")) {
                return -1;
            }
            int close = text.indexOf('>');
            if (close < 2 || close > 4) {
                return -1;
            }
            try {
                int pri = Integer.parseInt(text.substring(1, close));
                if (pri < 0 || pri > 191) {
                    return -1;
                }
                pos = close + 1;
                return pri;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        boolean startsWith(String prefix) {
            return text.startsWith(prefix, pos);
        }

        void skip(int n) {
            pos = Math.min(text.length(), pos + n);
        }

        void skipOneSpace() {
            if (startsWith(" ")) {
                pos++;
            }
        }

        /** The next space-delimited word; the cursor moves past it and one space. */
        String token() {
            int end = text.indexOf(' ', pos);
            String word = end < 0 ? text.substring(pos) : text.substring(pos, end);
            pos = end < 0 ? text.length() : end + 1;
            return word;
        }

        /** Text up to (not including) the first of {@code stops}. */
        String until(String stops) {
            int start = pos;
            while (pos < text.length() && stops.indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        String rest() {
            return text.substring(Math.min(pos, text.length()));
        }
    }
}
