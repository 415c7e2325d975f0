package dev.pipelog.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Large batches go into {@code log_record} through DuckDB's own NDJSON reader: the batch is written
 * to a scratch file beside the database and loaded with one {@code INSERT ... SELECT FROM
 * read_ndjson(?)}, which parses on every core, where the Appender fills rows on the calling thread
 * alone (docs/benchmarks/store.md). The scratch file needs no fsync: the commit makes the rows durable.
 *
 * <p>Not thread-safe: used by the single writer.
 */
final class NdjsonBulkLoad {
    /** A record whose JSON line is longer is left to the Appender: DuckDB's reader caps one object. */
    static final int MAX_LINE_BYTES = 8 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final Path scratch;

    NdjsonBulkLoad(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * Inserts the records inside the connection's current transaction.
     *
     * @return false, having inserted nothing, when a record cannot be written as a line DuckDB reads
     * @throws SQLException when DuckDB refuses the load; the transaction must then be rolled back
     */
    boolean load(Connection connection, List<LogRecord> records) throws SQLException {
        try {
            if (!write(records)) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement(SqlText.load("bulk_load_ndjson.sql"))) {
            insert.setString(1, scratch.toString());
            insert.executeUpdate();
            return true;
        }
    }

    void deleteScratch() {
        try {
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            // A leftover scratch file is overwritten by the next load; nothing to do.
        }
    }

    private boolean write(List<LogRecord> records) throws IOException {
        for (LogRecord r : records) {
            if (worstCaseLineBytes(r) > MAX_LINE_BYTES) {
                return false;
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 20);
             JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            for (LogRecord r : records) {
                writeLine(g, r);
            }
        }
        return true;
    }

    /** Six bytes a character bounds both UTF-8 and JSON's escapes ({@code \u0001}). */
    private static long worstCaseLineBytes(LogRecord r) {
        long chars = 512 + r.message().length() + length(r.stackTrace()) + length(r.extra()) + length(r.logger())
                + length(r.module()) + length(r.function()) + length(r.thread()) + length(r.host())
                + length(r.source()) + length(r.id()) + length(r.pipelineId()) + length(r.executionId())
                + length(r.correlationId()) + r.message().length() + length(r.spanId()) + length(r.parentSpanId());
        return chars * 6;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static void writeLine(JsonGenerator g, LogRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeNumberField("ts", Timestamps.toEpochMicros(r.timestamp()));
        g.writeNumberField("received_at", Timestamps.toEpochMicros(r.receivedAt()));
        g.writeNumberField("level", r.level().pythonNumber());
        optional(g, "logger", r.logger());
        g.writeStringField("message", r.message());
        String lowered = RecordWriter.lowerCase(r.message());
        if (!lowered.equals(r.message())) {
            g.writeStringField("message_lc", lowered);
        }
        optional(g, "pipeline_id", r.pipelineId());
        optional(g, "execution_id", r.executionId());
        optional(g, "correlation_id", r.correlationId());
        optional(g, "span_id", r.spanId());
        optional(g, "parent_span_id", r.parentSpanId());
        optional(g, "module", r.module());
        optional(g, "function", r.function());
        if (r.line() != null) {
            g.writeNumberField("line", r.line());
        }
        optional(g, "thread", r.thread());
        if (r.processId() != null) {
            g.writeNumberField("process_id", r.processId());
        }
        optional(g, "host", r.host());
        optional(g, "source", r.source());
        optional(g, "extra", r.extra());
        optional(g, "stack_trace", r.stackTrace());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
