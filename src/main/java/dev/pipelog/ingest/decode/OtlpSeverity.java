package dev.pipelog.ingest.decode;

import dev.pipelog.model.Level;

/**
 * OpenTelemetry severity numbers onto stored levels: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARNING,
 * 17-20 ERROR, 21-24 CRITICAL. An unset number falls back to the severity text, then INFO: a log
 * record is never refused for its severity.
 */
final class OtlpSeverity {
    private OtlpSeverity() {
    }

    static Level level(int number, String text) {
        if (number >= 21) {
            return Level.CRITICAL;
        }
        if (number >= 17) {
            return Level.ERROR;
        }
        if (number >= 13) {
            return Level.WARNING;
        }
        if (number >= 9) {
            return Level.INFO;
        }
        if (number >= 5) {
            return Level.DEBUG;
        }
        if (number >= 1) {
            return Level.TRACE;
        }
        return Level.parse(text).orElse(Level.INFO);
    }
}
