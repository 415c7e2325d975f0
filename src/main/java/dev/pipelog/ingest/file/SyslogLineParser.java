package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.model.Level;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog lines as files hold them: RFC 5424 ({@code <165>1 2026-12-07T10:00:00.003Z host app 42 ID47
 * [sd] message}), RFC 3164 with or without the priority ({@code Dec  7 10:00:00 host app[42]: message},
 * the traditional /var/log/syslog), and rsyslog's precise file format ({@code 2026-12-07T10:00:00.123+01:00
 * host app[42]: message}). The priority's severity becomes the level (none means INFO); the app name the
 * logger; the facility, message id and structured data go to extra. RFC 3164 has no year and no zone:
 * the year is the one that puts the time at most a day after {@code reference}, the zone the one given.
 */
final class SyslogLineParser implements LineParser {
    private static final Pattern RFC5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\\\\]|\\\\.)*\\])+)(?: (.*))?$");
    private static final Pattern RFC3164 = Pattern.compile(
            "^(?:<(\\d{1,3})>)?([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T\\S+) (\\S+) ([^:\\[\\s]+)(?:\\[(\\d+)\\])?: ?(.*)$");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT);
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
        "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3",
        "local4", "local5", "local6", "local7"};

    private final ZoneId zone;
    private final Instant reference;

    SyslogLineParser(ZoneId zone, Instant reference) {
        this.zone = zone;
        this.reference = reference;
    }

    @Override
    public Optional<ObjectNode> parse(String line) {
        Matcher m = RFC5424.matcher(line);
        if (m.matches()) {
            ObjectNode wire = priority(m.group(1));
            wire.put("timestamp", m.group(2));
            nil(wire, "host", m.group(3));
            nil(wire, "logger", m.group(4));
            nil(wire, m.group(5).chars().allMatch(Character::isDigit) ? "process_id" : "procid", m.group(5));
            nil(wire, "msgid", m.group(6));
            nil(wire, "structured_data", m.group(7));
            String message = m.group(8) == null ? "" : m.group(8);
            wire.put("message", message.startsWith("\uFEFF") ? message.substring(1) : message);
            return Optional.of(WireFields.toWire(wire));
        }
        m = RFC3164.matcher(line);
        if (m.matches()) {
            ObjectNode wire = priority(m.group(1));
            wire.put("timestamp", time(m.group(2)));
            wire.put("host", m.group(3));
            wire.put("logger", m.group(4));
            if (m.group(5) != null) {
                wire.put("process_id", m.group(5));
            }
            wire.put("message", m.group(6));
            return Optional.of(WireFields.toWire(wire));
        }
        return Optional.empty();
    }

    private static ObjectNode priority(String pri) {
        ObjectNode wire = WireFields.NODES.objectNode();
        if (pri == null) {
            return wire;
        }
        int value = Integer.parseInt(pri);
        int facility = value / 8;
        if (facility < FACILITIES.length) {
            wire.put("facility", FACILITIES[facility]);
        }
        wire.put("level", severity(value % 8).name());
        return wire;
    }

    static Level severity(int severity) {
        switch (severity) {
            case 0: case 1: case 2: return Level.CRITICAL;
            case 3: return Level.ERROR;
            case 4: return Level.WARNING;
            case 7: return Level.DEBUG;
            default: return Level.INFO;
        }
    }

    private static void nil(ObjectNode wire, String field, String value) {
        if (!"-".equals(value)) {
            wire.put(field, value);
        }
    }

    private String time(String text) {
        if (Character.isDigit(text.charAt(0))) {
            return text;
        }
        try {
            String single = text.replace("  ", " ");
            var parsed = MONTH_DAY.parse(single);
            MonthDay day = MonthDay.from(parsed);
            ZonedDateTime ref = reference.atZone(zone);
            int year = ref.getYear();
            LocalDateTime local = day.atYear(year).atTime(java.time.LocalTime.from(parsed));
            if (local.atZone(zone).toInstant().isAfter(reference.plusSeconds(86_400))) {
                local = local.minusYears(1);
            }
            return local.atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    @Override
    public boolean continuationLines() {
        return true;
    }
}
