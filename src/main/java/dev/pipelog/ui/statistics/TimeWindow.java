package dev.pipelog.ui.statistics;

import dev.pipelog.model.TimeBound;
import java.time.Duration;

/** The time window presets of the Statistics view. */
public enum TimeWindow {
    LAST_HOUR("1 h", Duration.ofHours(1)),
    LAST_DAY("24 h", Duration.ofHours(24)),
    LAST_WEEK("7 d", Duration.ofDays(7)),
    LAST_MONTH("30 d", Duration.ofDays(30)),
    ALL("all", null);

    private final String label;
    private final Duration length;

    TimeWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    /** How far back the window reaches; null for all time. */
    public Duration length() {
        return length;
    }

    /** Where the window starts, relative to when the query runs; null for all time. */
    public TimeBound since() {
        return length == null ? null : TimeBound.ago(length);
    }
}
