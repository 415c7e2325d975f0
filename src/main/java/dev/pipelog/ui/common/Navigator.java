package dev.pipelog.ui.common;

import dev.pipelog.model.LogQuery;

/**
 * Moves the window to another view, as links in one view ("show correlation", "show execution")
 * ask. Implemented by the main window; views receive it through the controller factory.
 * Call on the FX application thread.
 */
public interface Navigator {

    /** Opens Explore with these filters. */
    void showRecords(LogQuery query);

    void showCorrelation(String correlationId);

    /** Opens the Pipelines view on a pipeline, and on one of its executions when {@code executionId} is set. */
    void showPipeline(String pipelineId, String executionId);
}
