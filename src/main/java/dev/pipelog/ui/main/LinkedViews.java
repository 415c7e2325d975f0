package dev.pipelog.ui.main;

import dev.pipelog.ui.correlation.CorrelationController;
import dev.pipelog.ui.pipelines.PipelinesController;

/**
 * Opens the views other views link to ("show execution", "show correlation"). The shell is the one
 * place that knows the feature controllers' open methods; the features only know {@code Navigator}.
 */
final class LinkedViews {
    private LinkedViews() {
    }

    /** Call after the view's tab is selected, so its own refresh on show cannot undo the opening. */
    static void openPipeline(Object pipelines, String pipelineId, String executionId) {
        ((PipelinesController) pipelines).open(pipelineId, executionId);
    }

    /** Call after the view's tab is selected. */
    static void openCorrelation(Object correlation, String correlationId) {
        ((CorrelationController) correlation).open(correlationId);
    }
}
