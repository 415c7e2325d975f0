package dev.pipelog.ui.explore;

import java.time.Duration;

/** The quick time ranges of the Explore view; CUSTOM means the from/to fields. */
enum TimePreset {
    LAST_15_MINUTES("15 m", Duration.ofMinutes(15)),
    LAST_HOUR("1 h", Duration.ofHours(1)),
    LAST_DAY("24 h", Duration.ofHours(24)),
    LAST_WEEK("7 d", Duration.ofDays(7)),
    ALL("All", null),
    CUSTOM("Custom", null);

    private final String label;
    private final Duration span;

    TimePreset(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    String label() {
        return label;
    }

    /** How far back the preset reaches; null for all time and custom. */
    Duration span() {
        return span;
    }
}
