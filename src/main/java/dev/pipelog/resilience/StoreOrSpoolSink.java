package dev.pipelog.resilience;

import dev.pipelog.ingest.BatchSink;
import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.ingest.SinkUnavailableException;
import dev.pipelog.ingest.StorageStatus;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake writer's way to durability: the store behind its policies, and when that fails, a
 * fallback file (if fallback is on). A batch goes one way, whole. When the store takes a batch
 * while fallback files wait, the replayer is woken: storage works again.
 *
 * <p>Thread-safe, though the intake calls {@link #store} from its one writer thread.
 */
public final class StoreOrSpoolSink implements BatchSink {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOrSpoolSink.class);

    private final GuardedStore store;
    private final FallbackSpool spool;
    private final boolean spoolNewBatches;
    private final FallbackReplayer replayer;
    private final Quarantine quarantine;

    /**
     * @param spool           the fallback files, or null when there are none (and no leftovers to replay)
     * @param spoolNewBatches whether batches the store refuses go to fallback files; when false they
     *                        are answered unavailable
     * @param replayer        replays {@code spool}; null exactly when {@code spool} is null
     * @param quarantine      where refused records and unreadable fallback lines are kept, for health
     */
    public StoreOrSpoolSink(GuardedStore store, FallbackSpool spool, boolean spoolNewBatches,
                            FallbackReplayer replayer, Quarantine quarantine) {
        if (spoolNewBatches && spool == null) {
            throw new IllegalArgumentException("spooling needs a spool");
        }
        this.store = store;
        this.spool = spool;
        this.spoolNewBatches = spoolNewBatches;
        this.replayer = replayer;
        this.quarantine = quarantine;
    }

    @Override
    public Destination store(List<LogRecord> records, boolean deduplicate) throws SinkUnavailableException {
        StorageFailure failure;
        try {
            store.append(records, deduplicate);
            if (spool != null && spool.fileCount() > 0) {
                replayer.trigger();
            }
            return Destination.PRIMARY;
        } catch (StorageFailure e) {
            failure = e;
        }
        if (!spoolNewBatches) {
            throw new SinkUnavailableException(failure.getMessage(), failure.retryAfter(), failure);
        }
        try {
            spool.append(records);
            return Destination.FALLBACK;
        } catch (SpoolFullException e) {
            throw new SinkUnavailableException(e.getMessage() + "; " + failure.getMessage(), failure.retryAfter(), e);
        } catch (IOException e) {
            LOG.error("Writing a fallback file failed while the store is failing", e);
            throw new SinkUnavailableException("fallback file write failed (" + e.getMessage() + "); "
                    + failure.getMessage(), failure.retryAfter(), e);
        }
    }

    @Override
    public StorageStatus status() {
        var lastError = store.lastError();
        return new StorageStatus(
                store.breakerState(),
                spool == null ? 0 : spool.fileCount(),
                spool == null ? 0 : spool.recordCount(),
                spool == null ? 0 : spool.byteCount(),
                quarantine.lines(),
                quarantine.records(),
                quarantine.lastReason(),
                quarantine.directory().toString(),
                lastError.map(GuardedStore.LastError::message).orElse(null),
                lastError.map(GuardedStore.LastError::at).orElse(null));
    }
}
