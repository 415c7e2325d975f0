package dev.pipelog.model;

import java.util.Objects;

/**
 * Per-pipeline logging configuration: records below {@code minLevel} are dropped at intake
 * (counted), records older than {@code retentionDays} are removed by cleanup. Null means "no rule".
 */
public record PipelineSettings(String pipelineId, Level minLevel, Integer retentionDays) {
    public PipelineSettings {
        Objects.requireNonNull(pipelineId, "pipelineId");
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least 1 day, was " + retentionDays);
        }
    }

    public boolean keeps(Level level) {
        return minLevel == null || level.atLeast(minLevel);
    }
}
