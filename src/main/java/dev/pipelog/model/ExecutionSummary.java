package dev.pipelog.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One execution of a pipeline: its first and last record, counts by level and outcome. */
public record ExecutionSummary(
        String pipelineId,
        String executionId,
        Instant start,
        Instant end,
        long records,
        Map<Level, Long> countsByLevel,
        ExecutionStatus status,
        String lastError) {

    public ExecutionSummary {
        countsByLevel = Map.copyOf(countsByLevel);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
