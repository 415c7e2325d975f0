package dev.pipelog.store;

import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: appends batches through DuckDB's Appender (the fastest path measured, see
 * docs/benchmarks/store.md) and folds them into the execution and correlation summaries, one
 * transaction per batch. Callers serialise access.
 */
final class RecordWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    private final DuckDBConnection connection;
    private final String databaseCatalog;
    private final SummaryWriter summaries;

    RecordWriter(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            st.execute(SqlText.load("create_write_staging.sql"));
            try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                this.databaseCatalog = rs.getString(1);
            }
        }
        this.summaries = new SummaryWriter(connection, databaseCatalog);
    }

    /**
     * @throws UnknownCommitOutcomeException when the commit itself failed: the batch may have landed
     * @throws SQLException anything before the commit: nothing of the batch is stored
     */
    int append(List<LogRecord> batch, boolean deduplicate) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        connection.setAutoCommit(false);
        try {
            List<LogRecord> fresh = deduplicate ? notYetStored(batch) : batch;
            appendRows(fresh);
            summaries.add(fresh);
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new UnknownCommitOutcomeException(e, fresh);
            }
            return fresh.size();
        } catch (SQLException | RuntimeException e) {
            rollbackKeeping(e);
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // The connection is in doubt; the store replaces it after a failure. The first error is the one to report.
                LOG.debug("Resetting auto-commit on the writer connection failed", e);
            }
        }
    }

    /** Which of the records' ids are stored: the answer to a commit whose outcome is unknown. */
    Set<String> storedIds(List<LogRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return Set.of();
        }
        return stored(records);
    }

    /** A rollback that fails (the transaction is often gone already) must not hide why the write failed. */
    private void rollbackKeeping(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Epoch microseconds of the first and last stored record, or null when the store is empty. */
    long[] storedRange() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(SqlText.load("data_time_range.sql"))) {
            rs.next();
            long first = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {first, rs.getLong(2)};
        }
    }

    /** Deletes what the condition selects and rebuilds the summaries it touched, in one transaction. */
    Deletion delete(CleanupCondition condition, Long expected) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement mark = connection.prepareStatement(
                     SqlText.fill("cleanup_mark.sql", Map.of("condition", condition.where())));
             Statement st = connection.createStatement()) {
            condition.params().bind(mark);
            mark.execute();
            if (expected != null) {
                long marked;
                try (ResultSet rs = st.executeQuery(SqlText.load("cleanup_marked_count.sql"))) {
                    rs.next();
                    marked = rs.getLong(1);
                }
                if (marked != expected) {
                    connection.rollback();
                    return new Deletion.CountChanged(marked);
                }
            }
            long deleted = st.executeLargeUpdate(SqlText.load("cleanup_delete.sql"));
            st.execute(SqlText.load("cleanup_rebuild_summaries.sql"));
            connection.commit();
            return new Deletion.Deleted(deleted);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** What a cleanup's deletion did: deleted, or nothing because the count is not the one confirmed. */
    sealed interface Deletion {
        record Deleted(long records) implements Deletion {
        }

        record CountChanged(long records) implements Deletion {
        }
    }

    /** The batch without repeats of an id and without ids already stored. */
    private List<LogRecord> notYetStored(List<LogRecord> batch) throws SQLException {
        Map<String, LogRecord> unique = new LinkedHashMap<>();
        for (LogRecord r : batch) {
            unique.putIfAbsent(r.id(), r);
        }
        Set<String> stored = stored(batch);
        List<LogRecord> fresh = new ArrayList<>(unique.size());
        for (LogRecord r : unique.values()) {
            if (!stored.contains(r.id())) {
                fresh.add(r);
            }
        }
        return fresh;
    }

    /** The ids of the batch already stored, looked up within the batch's time range. */
    private Set<String> stored(List<LogRecord> batch) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        Instant min = batch.get(0).timestamp();
        Instant max = min;
        for (LogRecord r : batch) {
            ids.add(r.id());
            min = r.timestamp().isBefore(min) ? r.timestamp() : min;
            max = r.timestamp().isAfter(max) ? r.timestamp() : max;
        }
        try (DuckDBAppender a = connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "append_ids")) {
            for (String id : ids) {
                a.beginRow().append(id).endRow();
            }
            a.flush();
        }
        Set<String> stored = new HashSet<>();
        try (PreparedStatement find = connection.prepareStatement(SqlText.load("find_stored_ids.sql"));
             Statement clear = connection.createStatement()) {
            new SqlParams().add(min).add(max).bind(find);
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            clear.execute("DELETE FROM append_ids");
        }
        return stored;
    }

    private void appendRows(List<LogRecord> batch) throws SQLException {
        try (DuckDBAppender a = connection.createAppender(databaseCatalog, DuckDBConnection.DEFAULT_SCHEMA, "log_record")) {
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
                        .append(lowerCase(r.message()))
                        .endRow();
            }
            a.flush();
        }
    }

    /** The search form of a message; queries lower-case their needle the same way. */
    static String lowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
