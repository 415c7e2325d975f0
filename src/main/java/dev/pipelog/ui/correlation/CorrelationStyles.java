package dev.pipelog.ui.correlation;


/** Semantic style classes of the Correlation view; colours live in correlation.css as theme tokens. */
public final class CorrelationStyles {
    public static final String VIEW = "correlation-view";
    public static final String NODE_ERRORS = "node-errors";
    public static final String NODE_GROUP = "node-group";
    public static final String NODE_MORE = "node-more";

    private CorrelationStyles() {
    }

    /** A short prefix saying what kind of node a row is, so the grouping reads without icons. */
    static String kindTag(TraceRow.Kind kind) {
        return switch (kind) {
            case SPAN -> "";
            case PIPELINE -> "pipeline: ";
            case EXECUTION -> "execution: ";
            case LOGGER -> "logger: ";
            case ORPHANS, NO_SPAN, MORE -> "";
        };
    }
}
