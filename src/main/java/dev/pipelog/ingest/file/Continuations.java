package dev.pipelog.ingest.file;

import java.util.regex.Pattern;

/** What the lines of a traceback or a wrapped message look like, when no format says otherwise. */
final class Continuations {
    private static final Pattern TRACE_START = Pattern.compile(
            "^(Traceback \\(most recent call last\\):|Caused by: |During handling of the above exception"
                    + "|The above exception was the direct cause|Exception in thread |\\s+at [\\w$.<>]+\\(|\\s+File \")");
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^[\\w.$]+(?:Error|Exception|Warning|Exit|Interrupt)(?:: .*)?$");

    private Continuations() {
    }

    /** A line that continues the record before it: indented, or part of a traceback. */
    static boolean isContinuation(String line) {
        return !line.isEmpty() && (Character.isWhitespace(line.charAt(0)) || TRACE_START.matcher(line).find()
                || EXCEPTION_LINE.matcher(line).matches());
    }

    /** A line from which on the rest of a record is a stack trace. */
    static boolean startsTrace(String line) {
        return TRACE_START.matcher(line).find();
    }
}
