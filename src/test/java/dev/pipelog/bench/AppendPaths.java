package dev.pipelog.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The append paths the store did not choose, kept here so their numbers can be re-measured. */
final class AppendPaths {
    /** The spool files' columns: times as epoch microseconds, everything else as stored. */
    private static final String SPOOL_COLUMNS = """
            {id:'VARCHAR', ts:'BIGINT', received_at:'BIGINT', level:'UTINYINT', logger:'VARCHAR', message:'VARCHAR',
             pipeline_id:'VARCHAR', execution_id:'VARCHAR', correlation_id:'VARCHAR', span_id:'VARCHAR',
             parent_span_id:'VARCHAR', module:'VARCHAR', function:'VARCHAR', line:'INTEGER', thread:'VARCHAR',
             process_id:'BIGINT', host:'VARCHAR', source:'VARCHAR', extra:'VARCHAR', stack_trace:'VARCHAR'}""";

    private AppendPaths() {
    }

    /** Inserts the rows of a spool file that {@code reader} (a table function of {@code ?}) reads. */
    private static void load(Connection c, Path spool, String reader) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO log_record SELECT id, make_timestamp(ts), make_timestamp(received_at), level, logger,
                  message, pipeline_id, execution_id, correlation_id, span_id, parent_span_id, module, function,
                  line, thread, process_id, host, source, extra, stack_trace, lower(message)
                FROM\s""" + reader)) {
            st.setString(1, spool.toString());
            st.executeUpdate();
        }
    }

    static void ndjson(Connection c, Path spool, List<LogRecord> batch) throws IOException, SQLException {
        try (Writer w = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
             JsonGenerator g = RecordJson.MAPPER.getFactory().createGenerator(w)) {
            for (LogRecord r : batch) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeNumberField("ts", Timestamps.toEpochMicros(r.timestamp()));
                g.writeNumberField("received_at", Timestamps.toEpochMicros(r.receivedAt()));
                g.writeNumberField("level", r.level().pythonNumber());
                str(g, "logger", r.logger());
                g.writeStringField("message", r.message());
                str(g, "pipeline_id", r.pipelineId());
                str(g, "execution_id", r.executionId());
                str(g, "correlation_id", r.correlationId());
                str(g, "span_id", r.spanId());
                str(g, "parent_span_id", r.parentSpanId());
                str(g, "module", r.module());
                str(g, "function", r.function());
                if (r.line() != null) {
                    g.writeNumberField("line", r.line());
                }
                str(g, "thread", r.thread());
                if (r.processId() != null) {
                    g.writeNumberField("process_id", r.processId());
                }
                str(g, "host", r.host());
                str(g, "source", r.source());
                str(g, "extra", r.extra());
                str(g, "stack_trace", r.stackTrace());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
        load(c, spool, "read_ndjson(?, format='newline_delimited', columns=" + SPOOL_COLUMNS + ")");
    }

    /** The store's own row path without its summaries, for a like-for-like comparison. */
    static void appender(Connection c, Path spool, List<LogRecord> batch) throws SQLException {
        try (org.duckdb.DuckDBAppender a = ((org.duckdb.DuckDBConnection) c).createAppender("log_record")) {
            for (LogRecord r : batch) {
                a.beginRow().append(r.id()).appendEpochMicros(Timestamps.toEpochMicros(r.timestamp()))
                        .appendEpochMicros(Timestamps.toEpochMicros(r.receivedAt()))
                        .append((byte) r.level().pythonNumber()).append(r.logger()).append(r.message())
                        .append(r.pipelineId()).append(r.executionId()).append(r.correlationId())
                        .append(r.spanId()).append(r.parentSpanId()).append(r.module()).append(r.function())
                        .append(r.line()).append(r.thread()).append(r.processId()).append(r.host())
                        .append(r.source()).append(r.extra()).append(r.stackTrace())
                        .append(r.message().toLowerCase(java.util.Locale.ROOT)).endRow();
            }
        }
    }

    static void csv(Connection c, Path spool, List<LogRecord> batch) throws IOException, SQLException {
        csvWrite(spool, batch);
        csvLoad(c, spool);
    }

    static void csvWrite(Path spool, List<LogRecord> batch) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(512);
            for (LogRecord r : batch) {
                sb.setLength(0);
                q(sb, r.id()).append(',').append(Timestamps.toEpochMicros(r.timestamp())).append(',')
                        .append(Timestamps.toEpochMicros(r.receivedAt())).append(',').append(r.level().pythonNumber())
                        .append(',');
                q(sb, r.logger()).append(',');
                q(sb, r.message()).append(',');
                q(sb, r.pipelineId()).append(',');
                q(sb, r.executionId()).append(',');
                q(sb, r.correlationId()).append(',');
                q(sb, r.spanId()).append(',');
                q(sb, r.parentSpanId()).append(',');
                q(sb, r.module()).append(',');
                q(sb, r.function()).append(',');
                sb.append(r.line() == null ? "" : r.line().toString()).append(',');
                q(sb, r.thread()).append(',');
                sb.append(r.processId() == null ? "" : r.processId().toString()).append(',');
                q(sb, r.host()).append(',');
                q(sb, r.source()).append(',');
                q(sb, r.extra()).append(',');
                q(sb, r.stackTrace()).append('\n');
                w.append(sb);
            }
        }
    }

    static void csvLoad(Connection c, Path spool) throws SQLException {
        load(c, spool, "read_csv(?, header=false, quote='\"', escape='\"', auto_detect=false, columns="
                + SPOOL_COLUMNS + ")");
    }

    /** Quoted so empty strings stay distinct from nulls (an unquoted empty field is NULL). */
    private static StringBuilder q(StringBuilder sb, String v) {
        if (v == null) {
            return sb;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        return sb.append('"');
    }

    static void multiRowInsert(Connection c, List<LogRecord> batch, int rowsPerStatement) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO log_record VALUES ");
        for (int i = 0; i < rowsPerStatement; i++) {
            sql.append(i == 0 ? "" : ",").append("(?,make_timestamp(?),make_timestamp(?),?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int from = 0; from + rowsPerStatement <= batch.size(); from += rowsPerStatement) {
                int p = 1;
                for (LogRecord r : batch.subList(from, from + rowsPerStatement)) {
                    st.setString(p++, r.id());
                    st.setLong(p++, Timestamps.toEpochMicros(r.timestamp()));
                    st.setLong(p++, Timestamps.toEpochMicros(r.receivedAt()));
                    st.setInt(p++, r.level().pythonNumber());
                    st.setString(p++, r.logger());
                    st.setString(p++, r.message());
                    st.setString(p++, r.pipelineId());
                    st.setString(p++, r.executionId());
                    st.setString(p++, r.correlationId());
                    st.setString(p++, r.spanId());
                    st.setString(p++, r.parentSpanId());
                    st.setString(p++, r.module());
                    st.setString(p++, r.function());
                    st.setObject(p++, r.line());
                    st.setString(p++, r.thread());
                    st.setObject(p++, r.processId());
                    st.setString(p++, r.host());
                    st.setString(p++, r.source());
                    st.setString(p++, r.extra());
                    st.setString(p++, r.stackTrace());
                    st.setString(p++, r.message().toLowerCase(java.util.Locale.ROOT));
                }
                st.executeUpdate();
            }
        }
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
