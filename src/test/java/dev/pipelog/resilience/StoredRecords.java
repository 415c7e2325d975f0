package dev.pipelog.resilience;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.RecordIds;
import dev.pipelog.store.LogStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test records in, and every stored id (with how many times it is stored) out. */
public final class StoredRecords {
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private StoredRecords() {
    }

    /** {@code n} INFO records of a pipeline, with fresh ids. */
    public static List<LogRecord> batch(String pipeline, int n) {
        List<LogRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(record(RecordIds.next(), pipeline, Level.INFO, i));
        }
        return records;
    }

    public static LogRecord record(String id, String pipeline, Level level, int i) {
        return LogRecord.builder()
                .id(id)
                .timestamp(BASE.plusMillis(i))
                .level(level)
                .logger("etl.load")
                .message("row batch " + i + " loaded")
                .pipelineId(pipeline)
                .executionId("run-1")
                .build();
    }

    /** Every stored record's id, mapped to how many times it is stored. */
    public static Map<String, Integer> idCounts(LogStore store) {
        Map<String, Integer> counts = new HashMap<>();
        LogQuery query = LogQuery.builder().limit(LogQuery.MAX_LIMIT).build();
        while (true) {
            Page<LogRecord> page = store.find(query);
            for (LogRecord r : page.items()) {
                counts.merge(r.id(), 1, Integer::sum);
            }
            if (!page.hasMore()) {
                return counts;
            }
            query = query.after(Cursor.decode(page.nextCursor()));
        }
    }

    public static List<String> ids(List<LogRecord> records) {
        return records.stream().map(LogRecord::id).toList();
    }
}
