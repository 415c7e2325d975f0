package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * logfmt: {@code key=value} pairs separated by spaces, values optionally double-quoted with
 * backslash escapes ({@code time=2026-12-07T10:00:00Z level=info msg="loaded 12 rows" rows=12}).
 * A line starts a record when it is made only of pairs and names a message, level or time; other
 * lines (a stack trace) belong to the record before.
 */
final class LogfmtLineParser implements LineParser {

    @Override
    public Optional<ObjectNode> parse(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return Optional.empty();
        }
        ObjectNode fields = WireFields.NODES.objectNode();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ' && line.charAt(i) != '"') {
                i++;
            }
            if (i == keyStart || i >= n || line.charAt(i) != '=') {
                return Optional.empty();
            }
            String key = line.substring(keyStart, i++);
            String value;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '\\' && i < n) {
                        char e = line.charAt(i++);
                        v.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        v.append(c);
                    }
                }
                if (!closed || (i < n && line.charAt(i) != ' ')) {
                    return Optional.empty();
                }
                value = v.toString();
            } else {
                int valueStart = i;
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                value = line.substring(valueStart, i);
            }
            fields.put(key, value);
        }
        if (fields.size() < 2 || !(hasAny(fields, "msg", "message", "level", "lvl", "time", "ts", "t", "severity"))) {
            return Optional.empty();
        }
        return Optional.of(WireFields.toWire(fields));
    }

    private static boolean hasAny(ObjectNode fields, String... names) {
        for (String name : names) {
            if (fields.has(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean continuationLines() {
        return true;
    }
}
