package dev.pipelog.store;

import java.util.Optional;

/**
 * The longest run of plain characters that every match of a regular expression (RE2 syntax, as
 * DuckDB's {@code regexp_matches}) must contain. A cheap {@code contains()} on it skips most records
 * before the expression runs. Anything not understood for certain (alternation, flags, unusual
 * escapes) yields nothing, so the prefilter never drops a record the expression would match.
 */
final class RequiredLiteral {
    /** Shorter literals hardly narrow a scan and would only add a second test per record. */
    static final int MIN_LENGTH = 3;
    private static final String CLASS_ESCAPES = "dDwWsSbBAz";

    private final String pattern;
    private int pos;
    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RequiredLiteral(String pattern) {
        this.pattern = pattern;
    }

    static Optional<String> of(String pattern) {
        RequiredLiteral parser = new RequiredLiteral(pattern);
        if (!parser.parse()) {
            return Optional.empty();
        }
        return parser.best.length() >= MIN_LENGTH ? Optional.of(parser.best) : Optional.empty();
    }

    /** @return false when the pattern holds something that could make a match skip a literal */
    private boolean parse() {
        while (pos < pattern.length()) {
            char c = pattern.charAt(pos);
            switch (c) {
                case '|', ')' -> {
                    return false;
                }
                case '\\' -> {
                    if (!escape()) {
                        return false;
                    }
                }
                case '[' -> {
                    endRun();
                    if (!skipClass()) {
                        return false;
                    }
                }
                case '(' -> {
                    endRun();
                    if (!skipGroup()) {
                        return false;
                    }
                }
                case '.', '^', '$' -> {
                    endRun();
                    pos++;
                }
                case '*', '?' -> {
                    dropLast();
                    pos++;
                }
                case '+' -> {
                    endRun();
                    pos++;
                }
                case '{' -> {
                    if (!repetition()) {
                        return false;
                    }
                }
                default -> {
                    run.append(c);
                    pos++;
                }
            }
        }
        endRun();
        return true;
    }

    private boolean escape() {
        if (pos + 1 >= pattern.length()) {
            return false;
        }
        char next = pattern.charAt(pos + 1);
        pos += 2;
        if (next < 128 && !Character.isLetterOrDigit(next)) {
            run.append(next);
            return true;
        }
        if (CLASS_ESCAPES.indexOf(next) >= 0) {
            endRun();
            return true;
        }
        return false; // \p{..}, \x.., \Q..\E, back references, control characters: not worth the risk
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}}: with n = 0 the atom before it is optional. */
    private boolean repetition() {
        int close = pattern.indexOf('}', pos);
        if (close < 0 || !pattern.substring(pos + 1, close).matches("\\d+(,\\d*)?")) {
            return false; // RE2 would read it as a literal brace; rare enough to skip the prefilter
        }
        if (pattern.charAt(pos + 1) == '0' && pattern.substring(pos + 1, close).matches("0+(,\\d*)?")) {
            dropLast();
        } else {
            endRun();
        }
        pos = close + 1;
        return true;
    }

    private boolean skipClass() {
        int i = pos + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                int end = pattern.indexOf(":]", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (c == ']') {
                pos = i + 1;
                return true;
            } else {
                i++;
            }
        }
        return false;
    }

    /** Skips a whole group; {@code (?flags)} changes what follows it, so it ends the parse. */
    private boolean skipGroup() {
        if (pattern.startsWith("(?", pos) && !pattern.startsWith("(?:", pos) && !pattern.startsWith("(?P<", pos)) {
            return false;
        }
        int depth = 0;
        int i = pos;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                int saved = pos;
                pos = i;
                if (!skipClass()) {
                    return false;
                }
                i = pos;
                pos = saved;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                pos = i + 1;
                return true;
            }
            i++;
        }
        return false;
    }

    /** A quantifier that allows zero repeats: the character before it may be absent. */
    private void dropLast() {
        if (!run.isEmpty()) {
            // A quantifier applies to a whole code point, which may be two chars.
            int last = run.length() - 1;
            boolean pair = last > 0 && Character.isLowSurrogate(run.charAt(last))
                    && Character.isHighSurrogate(run.charAt(last - 1));
            run.setLength(pair ? last - 1 : last);
        }
        endRun();
    }

    private void endRun() {
        if (run.length() > best.length()) {
            best = run.toString();
        }
        run.setLength(0);
    }
}
