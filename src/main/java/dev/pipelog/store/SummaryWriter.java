package dev.pipelog.store;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps {@code execution_summary}, {@code correlation_range} and {@code level_minute_count} current:
 * a batch is aggregated in memory (it touches few executions and minutes) and one partial row per
 * key is appended, inside the writer's transaction. Readers add the partial rows up.
 */
final class SummaryWriter {
    private static final long MINUTE_MICROS = 60_000_000L;

    private final DuckDBConnection connection;
    private final String catalog;

    SummaryWriter(DuckDBConnection connection, String catalog) {
        this.connection = connection;
        this.catalog = catalog;
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
        // Records of a batch come in runs of one execution; the previous record's delta saves a lookup.
        ExecutionKey lastKey = null;
        ExecutionDelta run = null;
        for (LogRecord r : records) {
            long t = Timestamps.toEpochMicros(r.timestamp());
            String pipelineId = orEmpty(r.pipelineId());
            String executionId = orEmpty(r.executionId());
            if (lastKey == null || !lastKey.pipelineId().equals(pipelineId) || !lastKey.executionId().equals(executionId)) {
                lastKey = new ExecutionKey(pipelineId, executionId);
                run = executions.computeIfAbsent(lastKey, k -> new ExecutionDelta());
            }
            run.first = Math.min(run.first, t);
            run.last = Math.max(run.last, t);
            run.byLevel[r.level().ordinal()]++;
            if (r.level().atLeast(Level.ERROR) && t >= run.lastErrorAt) {
                run.lastError = r.message();
                run.lastErrorAt = t;
            }
            // The run's key string: its hash is computed once, not once per record.
            minutes.computeIfAbsent(new MinuteKey(lastKey.pipelineId(), Math.floorDiv(t, MINUTE_MICROS) * MINUTE_MICROS,
                    r.level().pythonNumber()), k -> new long[1])[0]++;
            if (r.correlationId() != null) {
                long[] range = correlations.computeIfAbsent(r.correlationId(), c -> new long[] {t, t});
                range[0] = Math.min(range[0], t);
                range[1] = Math.max(range[1], t);
            }
        }
        try (DuckDBAppender a = connection.createAppender(catalog, DuckDBConnection.DEFAULT_SCHEMA, "execution_summary")) {
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
            try (DuckDBAppender a = connection.createAppender(catalog, DuckDBConnection.DEFAULT_SCHEMA, "correlation_range")) {
                for (Map.Entry<String, long[]> e : correlations.entrySet()) {
                    a.beginRow().append(e.getKey()).appendEpochMicros(e.getValue()[0])
                            .appendEpochMicros(e.getValue()[1]).endRow();
                }
            }
        }
        try (DuckDBAppender a = connection.createAppender(catalog, DuckDBConnection.DEFAULT_SCHEMA, "level_minute_count")) {
            for (Map.Entry<MinuteKey, long[]> e : minutes.entrySet()) {
                a.beginRow().append(e.getKey().pipelineId()).appendEpochMicros(e.getKey().minuteMicros())
                        .append((byte) e.getKey().level()).append(e.getValue()[0]).endRow();
            }
        }
    }

    private static String orEmpty(String id) {
        return id == null ? "" : id;
    }
}
