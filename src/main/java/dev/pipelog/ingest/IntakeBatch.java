package dev.pipelog.ingest;

import dev.pipelog.model.LogRecord;
import java.util.List;

/**
 * Records decoded from one request (or one capture flush), plus the items that could not be
 * decoded. The rejections travel with the batch so the caller gets one answer for all of it.
 */
public record IntakeBatch(List<LogRecord> records, List<Rejection> rejections) {
    public IntakeBatch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
    }

    public static IntakeBatch of(List<LogRecord> records) {
        return new IntakeBatch(records, List.of());
    }
}
