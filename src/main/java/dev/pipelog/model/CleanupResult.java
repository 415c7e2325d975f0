package dev.pipelog.model;

import java.time.Instant;

/**
 * What a cleanup deleted, or would delete on a dry run, measured from {@code asOf}.
 * {@code countChanged}: a confirmed run found a different number than the user confirmed and
 * deleted nothing; {@code records} is then the new count. {@code reclaimedBytes} are blocks of the
 * database file freed for new records (DuckDB reuses them before growing the file but never
 * shrinks it); {@code diskBytesBefore} and {@code diskBytesAfter} are the database and its
 * write-ahead log on disk, as the status bar shows them (the cleanup's checkpoint folds the log in).
 */
public record CleanupResult(boolean dryRun, long records, long reclaimedBytes, Instant asOf, boolean countChanged,
                            long diskBytesBefore, long diskBytesAfter) {

    public static CleanupResult counted(long records, Instant asOf) {
        return new CleanupResult(true, records, 0, asOf, false, 0, 0);
    }

    public static CleanupResult changed(long records, Instant asOf) {
        return new CleanupResult(true, records, 0, asOf, true, 0, 0);
    }

    public static CleanupResult deleted(long records, long reclaimedBytes, Instant asOf, long diskBefore, long diskAfter) {
        return new CleanupResult(false, records, reclaimedBytes, asOf, false, diskBefore, diskAfter);
    }
}
