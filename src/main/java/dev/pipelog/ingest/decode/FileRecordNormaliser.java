package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.model.LogRecord;

/**
 * The one normaliser's door for records read from log files (ingest/file turns each line into wire
 * fields): the same rules as a record posted over HTTP, with {@code source} "file". Thread-safe.
 */
public final class FileRecordNormaliser {
    private final RecordNormaliser normaliser = new RecordNormaliser();

    public LogRecord normalise(JsonNode wireFields, IntakeContext context) throws RecordRejectedException {
        return normaliser.normalise(wireFields, context, WireFormat.FILE, 0);
    }
}
