package dev.pipelog.ui.common;

import dev.pipelog.model.Level;
import dev.pipelog.model.Health;
import java.util.Locale;

/** Style-class names used from Java, kept here so the CSS and the code agree on spelling. */
public final class StyleClasses {
    public static final String STYLESHEET = "/dev/pipelog/ui/common/pipelog.css";

    public static final String DARK = "dark";
    public static final String MONOSPACE = "monospace";
    public static final String MATCH = "match";
    public static final String MUTED = "muted";
    public static final String HISTOGRAM = "histogram";
    public static final String HISTOGRAM_SELECTION = "histogram-selection";
    public static final String HISTOGRAM_AXIS = "histogram-axis";
    public static final String STATUS_ITEM = "status-item";
    /** The status bar while it shows a failure of background work. */
    public static final String STATUS_PROBLEM = "status-problem";
    public static final String EMPTY_STATE = "empty-state";
    public static final String LOADING_ROW = "loading-row";
    /** A scroll bar that takes no room and cannot be seen (the row window's own, see TableScroller). */
    public static final String HIDDEN_SCROLL_BAR = "hidden-scroll-bar";

    private static final String LEVEL_PREFIX = "level-";
    private static final String BREAKER_PREFIX = "breaker-";

    private StyleClasses() {
    }

    /** {@code level-error}, {@code level-warning}, ... : coloured by the {@code -pl-level-*} tokens. */
    public static String level(Level level) {
        return LEVEL_PREFIX + level.name().toLowerCase(Locale.ROOT);
    }

    public static String breaker(Health.BreakerState state) {
        return BREAKER_PREFIX + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the classes {@link #level(Level)} makes (and not for, say, {@code level-cell}). */
    public static boolean isLevel(String styleClass) {
        for (Level level : Level.values()) {
            if (styleClass.equals(level(level))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isBreaker(String styleClass) {
        return styleClass.startsWith(BREAKER_PREFIX);
    }
}
