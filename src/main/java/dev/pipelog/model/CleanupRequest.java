package dev.pipelog.model;

/**
 * What to delete. Records older than {@code olderThanDays} (optional), optionally of one pipeline,
 * but always keeping the newest {@code keepLastPerPipeline} records of every pipeline (optional).
 * Pipelines with their own retention (see {@link PipelineSettings}) also lose records past it when
 * {@code applyRetention} is set. {@code dryRun} counts and deletes nothing.
 */
public record CleanupRequest(
        Integer olderThanDays,
        String pipelineId,
        Integer keepLastPerPipeline,
        boolean applyRetention,
        boolean dryRun) {

    public CleanupRequest {
        if (olderThanDays != null && olderThanDays < 0) {
            throw new IllegalArgumentException("older_than_days must be 0 or more, was " + olderThanDays);
        }
        if (keepLastPerPipeline != null && keepLastPerPipeline < 0) {
            throw new IllegalArgumentException("keep_last_per_pipeline must be 0 or more, was " + keepLastPerPipeline);
        }
        if (olderThanDays == null && pipelineId == null && keepLastPerPipeline == null && !applyRetention) {
            throw new IllegalArgumentException(
                    "say what to delete: older_than_days, pipeline_id or keep_last_per_pipeline");
        }
    }
}
