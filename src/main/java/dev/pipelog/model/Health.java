package dev.pipelog.model;

import java.time.Instant;

/**
 * A snapshot of the engine for the health endpoint and the status bar.
 *
 * @param breaker        CLOSED, OPEN or HALF_OPEN; DISABLED when fault tolerance is off
 * @param ingestRate     records stored per second, averaged over the last few seconds
 * @param quarantinedLines     lines of fallback files replay could not read, kept in the quarantine directory
 * @param quarantinedRecords   records the store refused (isolated from their batches), kept there too
 * @param lastQuarantineReason why the latest of them was kept there (since start-up), or null
 */
public record Health(
        String version,
        BreakerState breaker,
        int queueDepth,
        int queueCapacity,
        int fallbackFiles,
        long fallbackRecords,
        long fallbackBytes,
        long recordsAccepted,
        long recordsStored,
        long recordsRejected,
        long recordsDroppedByPolicy,
        long recordsShed,
        long quarantinedLines,
        long quarantinedRecords,
        String lastQuarantineReason,
        String quarantineDirectory,
        double ingestRate,
        String lastStorageError,
        Instant lastStorageErrorAt,
        long databaseBytes,
        long storedTotal) {

    public enum BreakerState {
        CLOSED, OPEN, HALF_OPEN, DISABLED
    }
}
