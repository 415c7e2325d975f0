package dev.pipelog.model;

import java.time.Instant;

/** A pipeline as the pickers and the Pipelines view list it. */
public record PipelineSummary(
        String pipelineId, Instant firstSeen, Instant lastSeen, long executions, long records, long errors) {
}
