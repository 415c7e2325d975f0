package dev.pipelog.store;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Small helpers shared by the store tests. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private StoreFixtures() {
    }

    static DuckDbLogStore open(Path dir) {
        return DuckDbLogStore.open(dir.resolve("logs.duckdb"), Duration.ofSeconds(30));
    }

    /** A store whose clock stands still at {@code now}, so relative time bounds are fixed. */
    static DuckDbLogStore openAt(Path dir, Instant now) {
        return DuckDbLogStore.open(dir.resolve("logs.duckdb"), Duration.ofSeconds(60),
                Clock.fixed(now, ZoneOffset.UTC), new SchemaMigrator());
    }

    static LogRecord.Builder record(String id, Instant ts, Level level, String message) {
        return LogRecord.builder().id(id).timestamp(ts).receivedAt(ts).level(level).message(message)
                .source("test");
    }

    static LogRecord at(String id, long secondsAfterT0, Level level, String pipeline, String message) {
        return record(id, T0.plusSeconds(secondsAfterT0), level, message).pipelineId(pipeline).build();
    }
}
