package dev.pipelog.ui.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Splits a message into plain and matching parts for the search being shown: case-insensitive
 * substring, or the regular expression (Java's dialect is close enough to RE2 for highlighting).
 * Immutable, thread-safe.
 */
final class MatchHighlighter {
    static final MatchHighlighter NONE = new MatchHighlighter(null);
    private static final int MAX_PARTS = 40;

    private final Pattern pattern;

    private MatchHighlighter(Pattern pattern) {
        this.pattern = pattern;
    }

    static MatchHighlighter of(String text, boolean regex) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        try {
            return new MatchHighlighter(regex ? Pattern.compile(text)
                    : Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            return NONE; // the store reports the bad expression; highlighting simply stays off
        }
    }

    /** A part of a message; {@code match} parts are highlighted. */
    record Part(String text, boolean match) {
    }

    List<Part> split(String message) {
        List<Part> parts = new ArrayList<>();
        if (pattern == null) {
            parts.add(new Part(message, false));
            return parts;
        }
        Matcher m = pattern.matcher(message);
        int at = 0;
        while (m.find() && parts.size() < MAX_PARTS) {
            if (m.end() == m.start()) {
                continue;
            }
            if (m.start() > at) {
                parts.add(new Part(message.substring(at, m.start()), false));
            }
            parts.add(new Part(m.group(), true));
            at = m.end();
        }
        if (at < message.length()) {
            parts.add(new Part(message.substring(at), false));
        }
        return parts;
    }
}
