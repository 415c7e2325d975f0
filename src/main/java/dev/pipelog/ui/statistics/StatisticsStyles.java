package dev.pipelog.ui.statistics;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import java.util.Locale;

/** Semantic style classes of the Statistics view; colours live in statistics.css as theme tokens. */
public final class StatisticsStyles {
    public static final String VIEW = "statistics-view";
    public static final String LEVEL_PREFIX = "level-";
    public static final String STATUS_PREFIX = "status-";
    public static final String CARD = "stat-card";

    private StatisticsStyles() {
    }

    public static String of(Level level) {
        return LEVEL_PREFIX + level.name().toLowerCase(Locale.ROOT);
    }

    public static String of(ExecutionStatus status) {
        return STATUS_PREFIX + status.name().toLowerCase(Locale.ROOT);
    }
}
