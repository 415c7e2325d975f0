package dev.pipelog.store;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps {@code execution_summary}, {@code correlation_range} and {@code level_minute_count} current: a batch is aggregated in
 * memory (it touches few executions), the deltas are appended to scratch tables and folded in with
 * one upsert each, inside the writer's transaction.
 */
final class SummaryWriter {
    private static final long MINUTE_MICROS = 60_000_000L;

    private final DuckDBConnection connection;

    SummaryWriter(DuckDBConnection connection) {
        this.connection = connection;
    }

    private record ExecutionKey(String pipelineId, String executionId) {
    }

    private record MinuteKey(String pipelineId, long minuteMicros, int level) {
    }

    private static final class ExecutionDelta {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final long[] byLevel = new long[6];
        String lastError;
        long lastErrorAt = Long.MIN_VALUE;
    }

    void add(List<LogRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Map<ExecutionKey, ExecutionDelta> executions = new HashMap<>();
        Map<String, long[]> correlations = new HashMap<>();
        Map<MinuteKey, long[]> minutes = new HashMap<>();
        for (LogRecord r : records) {
            long t = Timestamps.toEpochMicros(r.timestamp());
            ExecutionDelta d = executions.computeIfAbsent(
                    new ExecutionKey(orEmpty(r.pipelineId()), orEmpty(r.executionId())), k -> new ExecutionDelta());
            d.first = Math.min(d.first, t);
            d.last = Math.max(d.last, t);
            d.byLevel[r.level().ordinal()]++;
            if (r.level().atLeast(Level.ERROR) && t >= d.lastErrorAt) {
                d.lastError = r.message();
                d.lastErrorAt = t;
            }
            minutes.computeIfAbsent(new MinuteKey(orEmpty(r.pipelineId()), Math.floorDiv(t, MINUTE_MICROS) * MINUTE_MICROS,
                    r.level().pythonNumber()), k -> new long[1])[0]++;
            if (r.correlationId() != null) {
                long[] range = correlations.computeIfAbsent(r.correlationId(), c -> new long[] {t, t});
                range[0] = Math.min(range[0], t);
                range[1] = Math.max(range[1], t);
            }
        }
        try (DuckDBAppender a = connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "execution_delta")) {
            for (Map.Entry<ExecutionKey, ExecutionDelta> e : executions.entrySet()) {
                ExecutionDelta d = e.getValue();
                a.beginRow().append(e.getKey().pipelineId()).append(e.getKey().executionId())
                        .appendEpochMicros(d.first).appendEpochMicros(d.last);
                for (long n : d.byLevel) {
                    a.append(n);
                }
                a.append(d.lastError);
                if (d.lastError == null) {
                    a.appendNull();
                } else {
                    a.appendEpochMicros(d.lastErrorAt);
                }
                a.endRow();
            }
        }
        if (!correlations.isEmpty()) {
            try (DuckDBAppender a = connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "correlation_delta")) {
                for (Map.Entry<String, long[]> e : correlations.entrySet()) {
                    a.beginRow().append(e.getKey()).appendEpochMicros(e.getValue()[0])
                            .appendEpochMicros(e.getValue()[1]).endRow();
                }
            }
        }
        try (DuckDBAppender a = connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "level_minute_delta")) {
            for (Map.Entry<MinuteKey, long[]> e : minutes.entrySet()) {
                a.beginRow().append(e.getKey().pipelineId()).appendEpochMicros(e.getKey().minuteMicros())
                        .append((byte) e.getKey().level()).append(e.getValue()[0]).endRow();
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute(SqlText.load("upsert_level_minute_count.sql"));
            st.execute("DELETE FROM level_minute_delta");
            st.execute(SqlText.load("upsert_execution_summary.sql"));
            st.execute("DELETE FROM execution_delta");
            if (!correlations.isEmpty()) {
                st.execute(SqlText.load("upsert_correlation_range.sql"));
                st.execute("DELETE FROM correlation_delta");
            }
        }
    }

    private static String orEmpty(String id) {
        return id == null ? "" : id;
    }
}
