package dev.pipelog.ui.statistics;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.ui.common.StyleClasses;
import java.util.Locale;

/** Semantic style classes of the Statistics view; colours live in statistics.css as theme tokens. */
public final class StatisticsStyles {
    public static final String VIEW = "statistics-view";
    public static final String STATUS_PREFIX = "status-";
    public static final String CARD = "stat-card";

    private StatisticsStyles() {
    }

    /** The window's level classes, so bars take the same {@code -pl-level-*} colours as Explore. */
    public static String of(Level level) {
        return StyleClasses.level(level);
    }

    public static String of(ExecutionStatus status) {
        return STATUS_PREFIX + status.name().toLowerCase(Locale.ROOT);
    }
}
