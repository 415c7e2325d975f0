package dev.pipelog.store;

import static dev.pipelog.store.StoreFixtures.T0;
import static dev.pipelog.store.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.SortOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path (NDJSON through DuckDB's reader) must store exactly what the Appender stores: the
 * same records go through a store that bulk-loads every batch and one that never does.
 */
class BulkLoadTest {
    @TempDir
    Path dir;

    private static List<LogRecord> awkwardRecords() {
        List<LogRecord> records = new ArrayList<>();
        records.add(record("full", T0.plusNanos(123_456_000), Level.WARNING, "Disk \"almost\" full\nsecond line\ttab")
                .receivedAt(T0.plusSeconds(1)).logger("dlt.load").pipelineId("daily_sales")
                .executionId("exec_1").correlationId("corr-1").spanId("s1").parentSpanId("s0")
                .module("loader").function("load").line(42).thread("MainThread").processId(4242L)
                .host("etl-01").source("http").extra("{\"rows\":10,\"path\":\"C:\\\\tmp\"}")
                .stackTrace("Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: ü").build());
        records.add(record("sparse", T0.plusSeconds(2), Level.INFO, "").logger("").build());
        records.add(record("unicode", T0.plusSeconds(3), Level.ERROR, "ZÜRICH İstanbul ΣΟΦΊΑ 日本 \u0001\u001f €")
                .pipelineId("daily_sales").executionId("exec_1").build());
        records.add(record("lower", T0.plusSeconds(4), Level.DEBUG, "already lower case").build());
        return records;
    }

    @Test
    void bulkLoadStoresEveryFieldAsTheAppenderDoes() {
        List<LogRecord> viaBulk;
        List<LogRecord> viaAppender;
        try (DuckDbLogStore bulk = DuckDbLogStore.open(dir.resolve("bulk.duckdb"), 1);
             DuckDbLogStore appender = DuckDbLogStore.open(dir.resolve("appender.duckdb"), Integer.MAX_VALUE)) {
            bulk.append(awkwardRecords(), false);
            appender.append(awkwardRecords(), false);
            assertThat(dir.resolve("bulk.duckdb.load.ndjson")).as("the bulk path was taken").exists();
            LogQuery all = LogQuery.builder().order(SortOrder.ASCENDING).build();
            viaBulk = bulk.find(all).items();
            viaAppender = appender.find(all).items();
        }

        assertThat(viaBulk).containsExactlyElementsOf(awkwardRecords());
        assertThat(viaBulk).isEqualTo(viaAppender);
    }

    @Test
    void caseInsensitiveSearchFindsBulkLoadedRecords() {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), 1)) {
            store.append(awkwardRecords(), false);

            assertThat(store.count(LogQuery.builder().text("zürich").build())).isEqualTo(1);
            assertThat(store.count(LogQuery.builder().text("İSTANBUL".toLowerCase(java.util.Locale.ROOT)).build())).isEqualTo(1);
            assertThat(store.count(LogQuery.builder().text("ALMOST").build())).isEqualTo(1);
            assertThat(store.count(LogQuery.builder().text("lower case").build())).isEqualTo(1);
        }
    }

    @Test
    void summariesCountBulkLoadedRecords() {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), 1)) {
            store.append(awkwardRecords(), false);

            List<ExecutionSummary> executions = store.executions("daily_sales", null, null, 10);
            assertThat(executions).hasSize(1);
            assertThat(executions.get(0).records()).isEqualTo(2);
            assertThat(executions.get(0).lastError()).startsWith("ZÜRICH");
        }
    }

    @Test
    void aRecordTooLongForTheReaderIsStillStoredWithItsBatch() {
        String huge = "x".repeat(3 << 20);
        List<LogRecord> batch = new ArrayList<>(awkwardRecords());
        batch.add(record("huge", T0.plusSeconds(5), Level.INFO, huge).build());
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), 1)) {
            assertThat(store.append(batch, false)).isEqualTo(batch.size());

            assertThat(store.find(LogQuery.builder().order(SortOrder.ASCENDING).build()).items())
                    .containsExactlyElementsOf(batch);
        }
    }

    @Test
    void aLoneSurrogateDoesNotCostTheBatch() {
        List<LogRecord> batch = new ArrayList<>(awkwardRecords());
        batch.add(record("surrogate", T0.plusSeconds(5), Level.INFO, "broken \uD800 pair").build());
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), 1)) {
            assertThat(store.append(batch, false)).isEqualTo(batch.size());

            assertThat(store.count(LogQuery.builder().build())).isEqualTo(batch.size());
        }
    }

    @Test
    void bulkLoadDeduplicatesWhenAsked() {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("logs.duckdb"), 1)) {
            store.append(awkwardRecords(), true);
            assertThat(store.append(awkwardRecords(), true)).isZero();

            assertThat(store.count(LogQuery.builder().build())).isEqualTo(awkwardRecords().size());
        }
    }

    @Test
    void closingRemovesTheScratchFile() {
        Path db = dir.resolve("logs.duckdb");
        try (DuckDbLogStore store = DuckDbLogStore.open(db, 1)) {
            store.append(awkwardRecords(), false);
        }

        assertThat(Files.exists(dir.resolve("logs.duckdb.load.ndjson"))).isFalse();
    }
}
