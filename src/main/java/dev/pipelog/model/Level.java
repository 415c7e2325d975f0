package dev.pipelog.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The six stored severities. The pipelines are mostly Python, so Python's names are canonical and
 * the usual Java, syslog and OpenTelemetry spellings are mapped onto them.
 */
public enum Level {
    TRACE(5), DEBUG(10), INFO(20), WARNING(30), ERROR(40), CRITICAL(50);

    private final int pythonNumber;

    Level(int pythonNumber) {
        this.pythonNumber = pythonNumber;
    }

    /** Python's numeric level for this severity (TRACE is 5, as in common Python add-ons). */
    public int pythonNumber() {
        return pythonNumber;
    }

    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }

    /**
     * Maps a level name or a numeric level onto a stored level.
     *
     * @return empty when the text is neither a known spelling nor a number
     */
    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (isInteger(t)) {
            try {
                return Optional.of(fromNumber(Integer.parseInt(t)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        switch (t) {
            case "TRACE": case "FINEST": case "FINER": case "ALL":
                return Optional.of(TRACE);
            case "DEBUG": case "FINE": case "CONFIG": case "VERBOSE": case "DBG":
                return Optional.of(DEBUG);
            case "INFO": case "INFORMATION": case "NOTICE": case "NOTSET": case "INF":
                return Optional.of(INFO);
            case "WARNING": case "WARN": case "WRN":
                return Optional.of(WARNING);
            case "ERROR": case "ERR": case "SEVERE": case "EXCEPTION":
                return Optional.of(ERROR);
            case "CRITICAL": case "FATAL": case "CRIT": case "EMERGENCY": case "EMERG": case "ALERT": case "PANIC":
                return Optional.of(CRITICAL);
            default:
                return Optional.empty();
        }
    }

    /**
     * Maps a Python level number (0..50, or above) onto a stored level: each number goes to the
     * highest level whose number it reaches, so custom levels such as 25 land on INFO.
     */
    public static Level fromNumber(int number) {
        if (number >= CRITICAL.pythonNumber) {
            return CRITICAL;
        }
        if (number >= ERROR.pythonNumber) {
            return ERROR;
        }
        if (number >= WARNING.pythonNumber) {
            return WARNING;
        }
        if (number >= INFO.pythonNumber) {
            return INFO;
        }
        if (number >= DEBUG.pythonNumber) {
            return DEBUG;
        }
        if (number <= 0) {
            return INFO; // Python's NOTSET: the record carries no opinion, treat it as ordinary.
        }
        return TRACE;
    }

    private static boolean isInteger(String t) {
        int start = t.startsWith("-") ? 1 : 0;
        if (start == t.length()) {
            return false;
        }
        for (int i = start; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
