package dev.pipelog.ingest.file;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the lines of a file are read: a kind, and for {@link Kind#PYTHON} the {@code logging.Formatter}
 * format string. Immutable.
 *
 * @param pattern the Python format string; null for the other kinds
 */
public record FileFormat(Kind kind, String pattern) {

    /** The formats Pipelog reads from files; {@link #cliName()} is what {@code --format} takes. */
    public enum Kind {
        JSON("json", "JSON lines"),
        CLEF("clef", "CLEF (Seq)"),
        LOGFMT("logfmt", "logfmt"),
        PYTHON("python", "Python logging"),
        SYSLOG("syslog", "syslog (RFC 3164 / 5424)"),
        PLAIN("plain", "plain text");

        private final String cliName;
        private final String label;

        Kind(String cliName, String label) {
            this.cliName = cliName;
            this.label = label;
        }

        public String cliName() {
            return cliName;
        }

        public String label() {
            return label;
        }
    }

    /** Python's formats that detection tries, most common first (dlt's is its default log_format). */
    public static final List<String> PYTHON_PRESETS = List.of(
            "%(asctime)s - %(name)s - %(levelname)s - %(message)s",
            "%(levelname)s:%(name)s:%(message)s",
            "{asctime}|[{levelname:<21}]|{process}|{thread}|{name}|{filename}|{funcName}:{lineno}|{message}",
            "%(asctime)s %(levelname)s %(name)s: %(message)s",
            "%(asctime)s [%(levelname)s] %(name)s: %(message)s",
            "[%(asctime)s] %(levelname)s in %(module)s: %(message)s");

    public FileFormat {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.PYTHON) != (pattern != null)) {
            throw new IllegalArgumentException("a format string goes with the python kind, and only with it");
        }
    }

    public static FileFormat of(Kind kind) {
        return new FileFormat(kind, null);
    }

    public static FileFormat python(String pattern) {
        LoggingFormatParser.of(pattern, ZoneId.systemDefault()); // fails now, with words, if it cannot be a parser
        return new FileFormat(Kind.PYTHON, pattern);
    }

    /**
     * Reads what a user typed for {@code --format}: a kind's name ({@code json}, {@code clef},
     * {@code logfmt}, {@code syslog}, {@code plain}), or a Python format string, bare or after
     * {@code python:}.
     *
     * @throws IllegalArgumentException with the accepted spellings
     */
    public static FileFormat parse(String text) {
        String t = text.strip();
        if (t.startsWith("python:")) {
            return python(t.substring("python:".length()));
        }
        if (t.contains("%(") || t.matches(".*\\{\\w+(:[^}]*)?}.*")) {
            return python(t);
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.PYTHON && kind.cliName.equals(t.toLowerCase(Locale.ROOT))) {
                return of(kind);
            }
        }
        throw new IllegalArgumentException("unknown format \"" + text + "\"; accepted: json, clef, logfmt, syslog, plain,"
                + " or a Python logging format string such as '%(asctime)s %(levelname)s %(message)s'");
    }

    /** What the user would type for this format. */
    public String cliName() {
        return kind == Kind.PYTHON ? pattern : kind.cliName;
    }

    /** Words for the window and the CLI's progress line. */
    public String label() {
        return kind == Kind.PYTHON ? "Python logging " + pattern : kind.label;
    }

    /**
     * @param zone      the zone of times written without one (Python's asctime, RFC 3164)
     * @param reference when the file was first seen: the year of RFC 3164 times
     */
    LineParser parser(ZoneId zone, Instant reference) {
        switch (kind) {
            case JSON: return new JsonLineParser();
            case CLEF: return new ClefLineParser();
            case LOGFMT: return new LogfmtLineParser();
            case PYTHON: return LoggingFormatParser.of(pattern, zone);
            case SYSLOG: return new SyslogLineParser(zone, reference);
            case PLAIN: return new PlainTextParser();
            default: throw new IllegalStateException("unhandled kind " + kind);
        }
    }
}
