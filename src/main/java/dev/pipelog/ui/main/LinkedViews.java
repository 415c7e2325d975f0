package dev.pipelog.ui.main;

import dev.pipelog.ui.common.Views;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the views other views link to ("show execution", "show correlation"). The shell is the one
 * place that knows the feature controllers' open methods.
 *
 * @return the view to select, empty when that view is not in this build
 */
final class LinkedViews {
    private LinkedViews() {
    }

    static Optional<Views> showPipeline(Map<Views, Object> views, String pipelineId, String executionId) {
        return Optional.empty();
    }

    static Optional<Views> showCorrelation(Map<Views, Object> views, String correlationId) {
        return Optional.empty();
    }
}
