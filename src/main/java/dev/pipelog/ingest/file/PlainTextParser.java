package dev.pipelog.ingest.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.model.Timestamps;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any text: each line that does not look like the continuation of the one before (indented, or a
 * traceback's lines) is a record. A leading ISO-8601 time is taken as the record's time and a level
 * word ({@code ERROR}, {@code [warn]}, {@code W:} ...) near the start as its level; otherwise INFO.
 */
final class PlainTextParser implements LineParser {
    private static final Pattern LEADING_TIME = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\]?\\s*");
    private static final Pattern LEVEL_WORD = Pattern.compile(
            "(?<![\\w.])\\[?(TRACE|DEBUG|INFO|NOTICE|WARNING|WARN|ERROR|ERR|CRITICAL|FATAL|SEVERE|PANIC"
                    + "|trace|debug|info|warning|warn|error|critical|fatal)\\]?(?![\\w.])");
    /** How far into a line a level word still counts as the line's level rather than its text. */
    private static final int LEVEL_SEARCH_CHARS = 48;

    @Override
    public Optional<ObjectNode> parse(String line) {
        if (line.isBlank() || Continuations.isContinuation(line)) {
            return Optional.empty();
        }
        ObjectNode wire = WireFields.NODES.objectNode();
        String rest = line;
        Matcher time = LEADING_TIME.matcher(line);
        if (time.find()) {
            String text = time.group(1).replace(',', '.');
            if (Timestamps.parse(text).isPresent()) {
                wire.put("timestamp", text);
                rest = line.substring(time.end());
            }
        }
        Matcher level = LEVEL_WORD.matcher(rest);
        level.region(0, Math.min(rest.length(), LEVEL_SEARCH_CHARS));
        if (level.find()) {
            wire.put("level", level.group(1));
        }
        wire.put("message", rest);
        return Optional.of(WireFields.toWire(wire));
    }

    @Override
    public boolean continuationLines() {
        return true;
    }
}
