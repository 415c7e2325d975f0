package dev.pipelog.ingest;

import dev.pipelog.model.Health;
import dev.pipelog.store.LogStore;

/**
 * The health snapshot, assembled from running counters, the intake queue and the sink's view of
 * storage. The stored total is a running number seeded at start-up, less what cleanup deleted
 * since, so it needs no count over the records.
 *
 * <p>Thread-safe.
 */
public final class IntakeHealth implements HealthService {
    private final String version;
    private final BatchingIntake intake;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final LogStore store;

    public IntakeHealth(String version, BatchingIntake intake, BatchSink sink, IngestMetrics metrics, LogStore store) {
        this.version = version;
        this.intake = intake;
        this.sink = sink;
        this.metrics = metrics;
        this.store = store;
    }

    @Override
    public Health health() {
        StorageStatus storage = sink.status();
        return new Health(
                version,
                storage.breaker(),
                intake.queueDepth(),
                intake.queueCapacity(),
                storage.fallbackFiles(),
                storage.fallbackRecords(),
                storage.fallbackBytes(),
                metrics.acceptedCount(),
                metrics.storedCount(),
                metrics.rejectedCount(),
                metrics.droppedByPolicyCount(),
                metrics.shedCount(),
                storage.quarantinedLines(),
                storage.quarantinedRecords(),
                storage.lastQuarantineReason(),
                storage.quarantineDirectory(),
                metrics.ingestRate(),
                storage.lastError(),
                storage.lastErrorAt(),
                databaseBytes(),
                metrics.storedTotal() - store.deletedCount());
    }

    private long databaseBytes() {
        try {
            return store.sizeBytes();
        } catch (RuntimeException e) {
            // Health must answer while storage is failing; the failure itself is in lastStorageError.
            return -1;
        }
    }
}
