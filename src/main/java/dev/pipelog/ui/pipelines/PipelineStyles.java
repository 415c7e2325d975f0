package dev.pipelog.ui.pipelines;

import dev.pipelog.model.ExecutionStatus;

/** Semantic style classes of the Pipelines view; their colours live in pipelines.css as theme tokens. */
public final class PipelineStyles {
    public static final String VIEW = "pipelines-view";
    public static final String STATUS_OK = "status-ok";
    public static final String STATUS_WARNINGS = "status-warnings";
    public static final String STATUS_FAILED = "status-failed";
    public static final String LEVEL_CELL = "level-cell";
    public static final String ERROR_COUNT = "error-count";
    public static final String MESSAGE_INVALID = "message-invalid";

    private PipelineStyles() {
    }

    public static String of(ExecutionStatus status) {
        return switch (status) {
            case OK -> STATUS_OK;
            case WARNINGS -> STATUS_WARNINGS;
            case FAILED -> STATUS_FAILED;
        };
    }
}
