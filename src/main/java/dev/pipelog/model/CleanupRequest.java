package dev.pipelog.model;

import java.time.Instant;

/**
 * What to delete. Records older than {@code olderThanDays} (optional), optionally of one pipeline,
 * but always keeping the newest {@code keepLastPerPipeline} records of every pipeline (optional).
 * Pipelines with their own retention (see {@link PipelineSettings}) also lose records past it when
 * {@code applyRetention} is set. {@code dryRun} counts and deletes nothing.
 *
 * <p>{@code asOf} fixes the "now" the cut-offs are measured from (null: the moment the store runs
 * the request), so a deletion confirmed after a dry run uses the dry run's cut-off and not a later
 * one that takes more. {@code expectedRecords} (null: no check) is the count the user confirmed: a
 * real run that would delete a different number deletes nothing and answers the new count instead.
 */
public record CleanupRequest(
        Integer olderThanDays,
        String pipelineId,
        Integer keepLastPerPipeline,
        boolean applyRetention,
        boolean dryRun,
        Instant asOf,
        Long expectedRecords) {

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
        if (expectedRecords != null && dryRun) {
            throw new IllegalArgumentException("a dry run has no expected count");
        }
    }

    /** Measured from the moment it runs, without a confirmed count (the HTTP API's requests). */
    public CleanupRequest(Integer olderThanDays, String pipelineId, Integer keepLastPerPipeline,
                          boolean applyRetention, boolean dryRun) {
        this(olderThanDays, pipelineId, keepLastPerPipeline, applyRetention, dryRun, null, null);
    }

    /** The real run of what {@code counted} (a dry run's answer) counted: same cut-off, same count. */
    public CleanupRequest confirming(CleanupResult counted) {
        return new CleanupRequest(olderThanDays, pipelineId, keepLastPerPipeline, applyRetention, false,
                counted.asOf(), counted.records());
    }
}
