package dev.pipelog.ingest;

import dev.pipelog.model.LogRecord;
import java.util.List;

/**
 * Records decoded from one request (or one capture flush), plus the items that could not be
 * decoded. The rejections travel with the batch so the caller gets one answer for all of it.
 *
 * @param clientIds true when ids may have come from the client, so a client's retry of the same
 *                  records must not store them twice (the store then deduplicates by id); false
 *                  only when every id was generated in this process just now
 */
public record IntakeBatch(List<LogRecord> records, List<Rejection> rejections, boolean clientIds) {
    public IntakeBatch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
    }

    /** A batch whose ids may be the client's (the safe default: deduplicated by id). */
    public IntakeBatch(List<LogRecord> records, List<Rejection> rejections) {
        this(records, rejections, true);
    }

    /** A batch whose ids may be the client's (the safe default: deduplicated by id). */
    public static IntakeBatch of(List<LogRecord> records) {
        return new IntakeBatch(records, List.of(), true);
    }

    /** A batch whose ids were all generated in this process (capture, demo data): no dedupe needed. */
    public static IntakeBatch withServerIds(List<LogRecord> records) {
        return new IntakeBatch(records, List.of(), false);
    }
}
