package dev.pipelog.ingest;

import dev.pipelog.model.Health;
import dev.pipelog.store.LogStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health snapshot, assembled from running counters, the intake queue and the sink's view of
 * storage. The stored total is a running number seeded at start-up; it is re-read from the store
 * at most every {@link #RESEED_INTERVAL}, because cleanup deletes records without going through
 * the intake.
 *
 * <p>Thread-safe.
 */
public final class IntakeHealth implements HealthService {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeHealth.class);
    static final Duration RESEED_INTERVAL = Duration.ofSeconds(30);

    private final String version;
    private final BatchingIntake intake;
    private final BatchSink sink;
    private final IngestMetrics metrics;
    private final LogStore store;
    private final AtomicLong lastSeedNanos = new AtomicLong(System.nanoTime());

    public IntakeHealth(String version, BatchingIntake intake, BatchSink sink, IngestMetrics metrics, LogStore store) {
        this.version = version;
        this.intake = intake;
        this.sink = sink;
        this.metrics = metrics;
        this.store = store;
    }

    @Override
    public Health health() {
        reseedStoredTotalWhenDue();
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
                metrics.ingestRate(),
                storage.lastError(),
                storage.lastErrorAt(),
                databaseBytes(),
                metrics.storedTotal());
    }

    private void reseedStoredTotalWhenDue() {
        long last = lastSeedNanos.get();
        long now = System.nanoTime();
        if (now - last < RESEED_INTERVAL.toNanos() || !lastSeedNanos.compareAndSet(last, now)) {
            return;
        }
        try {
            metrics.seedStoredTotal(store.totalCount());
        } catch (RuntimeException e) {
            // Storage is failing; keep the running number, the failure shows as lastStorageError.
            LOG.debug("Could not re-read the stored total", e);
        }
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
