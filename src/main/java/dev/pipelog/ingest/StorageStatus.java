package dev.pipelog.ingest;

import dev.pipelog.model.Health;
import java.time.Instant;

/** The storage side of the health snapshot, as the sink sees it. */
public record StorageStatus(
        Health.BreakerState breaker,
        int fallbackFiles,
        long fallbackRecords,
        long fallbackBytes,
        long quarantinedLines,
        long quarantinedRecords,
        String lastQuarantineReason,
        String quarantineDirectory,
        String lastError,
        Instant lastErrorAt) {
}
