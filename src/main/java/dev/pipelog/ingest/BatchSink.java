package dev.pipelog.ingest;

import dev.pipelog.model.LogRecord;
import java.util.List;

/**
 * Where the intake writer hands each group of records: the store, directly or behind retry, circuit
 * breaker and fallback files. Implementations are called from the writer thread only, but must be
 * thread-safe for {@link #status()}, which health reads from any thread.
 */
public interface BatchSink {

    /**
     * Makes every record durable, all in one place.
     *
     * @param deduplicate skip records whose id is already stored
     * @return where they went: {@link IntakeResult.Destination#PRIMARY} or {@link IntakeResult.Destination#FALLBACK}
     * @throws SinkUnavailableException when nothing of the batch was kept
     */
    IntakeResult.Destination store(List<LogRecord> records, boolean deduplicate) throws SinkUnavailableException;

    StorageStatus status();
}
