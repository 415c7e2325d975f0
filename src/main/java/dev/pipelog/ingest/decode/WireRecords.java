package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.model.LogRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the records of one protocol body: each protocol decoder translates its items into wire
 * records (the field names of the API contract) and hands them here, so the one
 * {@link RecordNormaliser} decides what a record may hold. Not thread-safe: one per body.
 */
final class WireRecords {
    private static final RecordNormaliser NORMALISER = new RecordNormaliser();

    private final IntakeContext context;
    private final WireFormat format;
    private final List<LogRecord> records = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    WireRecords(IntakeContext context, WireFormat format) {
        this.context = context;
        this.format = format;
    }

    /** @param index the item's position as the protocol's clients count it (0-based, or a 1-based line) */
    void add(JsonNode wire, int index) {
        try {
            records.add(NORMALISER.normalise(wire, context, format, index));
        } catch (RecordRejectedException e) {
            reject(index, e.getMessage());
        }
    }

    void reject(int index, String reason) {
        rejections.add(new Rejection(index, reason));
    }

    int size() {
        return records.size() + rejections.size();
    }

    IntakeBatch batch() {
        return new IntakeBatch(records, rejections);
    }

    static LogRecord one(JsonNode wire, IntakeContext context, WireFormat format) throws RecordRejectedException {
        return NORMALISER.normalise(wire, context, format, 0);
    }
}
