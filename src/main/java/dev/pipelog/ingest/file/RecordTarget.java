package dev.pipelog.ingest.file;

import dev.pipelog.model.LogRecord;
import java.util.List;

/**
 * Where imported records go: the intake of this process, or a running Pipelog's listener. Ids are
 * the file's, so the store skips records it already holds.
 */
public interface RecordTarget {

    /**
     * Returns once the records are durable (committed, or fsync'd to a fallback file), waiting out
     * overload.
     *
     * @throws FileImportException when they cannot be stored; nothing of the batch is durable then
     */
    void deliver(List<LogRecord> records) throws FileImportException, InterruptedException;
}
