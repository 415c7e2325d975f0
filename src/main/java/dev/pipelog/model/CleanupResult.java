package dev.pipelog.model;

/** What a cleanup deleted (or would delete, on a dry run) and the disk space it gave back. */
public record CleanupResult(boolean dryRun, long records, long reclaimedBytes) {
}
