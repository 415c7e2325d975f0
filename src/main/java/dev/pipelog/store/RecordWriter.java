package dev.pipelog.store;

import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The single writer: appends batches through DuckDB's Appender (the fastest path measured, see
 * docs/benchmarks/store.md), one transaction per batch. Deduplicating batches go through a staging
 * table so ids already stored are skipped inside DuckDB. Callers serialise access.
 */
final class RecordWriter {
    private final DuckDBConnection connection;
    private final String databaseCatalog;

    RecordWriter(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            st.execute(SqlText.load("create_append_staging.sql"));
            try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                this.databaseCatalog = rs.getString(1);
            }
        }
    }

    int append(List<LogRecord> batch, boolean deduplicate) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        connection.setAutoCommit(false);
        try {
            int stored;
            if (deduplicate) {
                stored = appendDeduplicated(batch);
            } else {
                appendRows(databaseCatalog, "log_record", batch);
                stored = batch.size();
            }
            connection.commit();
            return stored;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private int appendDeduplicated(List<LogRecord> batch) throws SQLException {
        appendRows("temp", "append_staging", batch);
        Instant min = batch.get(0).timestamp();
        Instant max = min;
        for (LogRecord r : batch) {
            min = r.timestamp().isBefore(min) ? r.timestamp() : min;
            max = r.timestamp().isAfter(max) ? r.timestamp() : max;
        }
        try (PreparedStatement insert = connection.prepareStatement(SqlText.load("append_deduplicated.sql"));
             Statement clear = connection.createStatement()) {
            new SqlParams().add(min).add(max).bind(insert);
            int stored = insert.executeUpdate();
            clear.execute("DELETE FROM append_staging");
            return stored;
        }
    }

    private void appendRows(String catalog, String table, List<LogRecord> batch) throws SQLException {
        try (DuckDBAppender a = connection.createAppender(catalog, DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (LogRecord r : batch) {
                a.beginRow()
                        .append(r.id())
                        .appendEpochMicros(Timestamps.toEpochMicros(r.timestamp()))
                        .appendEpochMicros(Timestamps.toEpochMicros(r.receivedAt()))
                        .append((byte) r.level().pythonNumber())
                        .append(r.logger())
                        .append(r.message())
                        .append(r.pipelineId())
                        .append(r.executionId())
                        .append(r.correlationId())
                        .append(r.spanId())
                        .append(r.parentSpanId())
                        .append(r.module())
                        .append(r.function())
                        .append(r.line())
                        .append(r.thread())
                        .append(r.processId())
                        .append(r.host())
                        .append(r.source())
                        .append(r.extra())
                        .append(r.stackTrace())
                        .endRow();
            }
            a.flush();
        }
    }
}
