package dev.pipelog.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.Correlation;
import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Health;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.Stats;
import dev.pipelog.model.TraceNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The snake_case JSON of every response body (records themselves through {@link RecordJson}). */
final class ApiJson {
    private ApiJson() {
    }

    static void page(JsonGenerator g, Page<LogRecord> page, Long total) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("items");
        for (LogRecord r : page.items()) {
            RecordJson.write(r, g);
        }
        g.writeEndArray();
        g.writeStringField("next_cursor", page.nextCursor());
        if (total != null) {
            g.writeNumberField("total", total);
        }
        g.writeEndObject();
    }

    static void executions(JsonGenerator g, String pipelineId, List<ExecutionSummary> executions) throws IOException {
        g.writeStartObject();
        g.writeStringField("pipeline_id", pipelineId);
        g.writeArrayFieldStart("executions");
        for (ExecutionSummary e : executions) {
            g.writeStartObject();
            g.writeStringField("execution_id", e.executionId());
            time(g, "start", e.start());
            time(g, "end", e.end());
            g.writeNumberField("duration_ms", e.duration().toMillis());
            g.writeNumberField("records", e.records());
            levelCounts(g, "counts_by_level", e.countsByLevel());
            g.writeStringField("status", e.status().name());
            g.writeStringField("last_error", e.lastError());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void stats(JsonGenerator g, Stats s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("total", s.total());
        levelCounts(g, "by_level", s.byLevel());
        g.writeNumberField("unique_pipelines", s.uniquePipelines());
        g.writeArrayFieldStart("pipelines");
        for (Stats.PipelineStats p : s.pipelines()) {
            g.writeStartObject();
            g.writeStringField("pipeline_id", p.pipelineId());
            g.writeNumberField("total", p.total());
            g.writeNumberField("errors", p.errors());
            g.writeNumberField("error_rate", p.errorRate());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("histogram");
        g.writeNumberField("bucket_seconds", s.histogram().bucket().toSeconds());
        g.writeArrayFieldStart("buckets");
        for (Stats.Bucket b : s.histogram().buckets()) {
            g.writeStartObject();
            time(g, "start", b.start());
            g.writeNumberField("total", b.total());
            levelCounts(g, "counts", b.counts());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("top_error_loggers");
        for (Stats.LoggerCount l : s.topErrorLoggers()) {
            g.writeStartObject();
            g.writeStringField("logger", l.logger());
            g.writeStringField("pipeline_id", l.pipelineId());
            g.writeNumberField("count", l.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("executions_by_status");
        for (ExecutionStatus status : ExecutionStatus.values()) {
            g.writeNumberField(status.name(), s.executionsByStatus().getOrDefault(status, 0L));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    static void correlation(JsonGenerator g, Correlation c) throws IOException {
        g.writeStartObject();
        g.writeStringField("correlation_id", c.correlationId());
        g.writeStringField("grouping", c.grouping().name());
        g.writeArrayFieldStart("records");
        for (LogRecord r : c.records()) {
            RecordJson.write(r, g);
        }
        g.writeEndArray();
        nodes(g, "tree", c.tree());
        nodes(g, "orphans", c.orphans());
        g.writeEndObject();
    }

    private static void nodes(JsonGenerator g, String field, List<TraceNode> nodes) throws IOException {
        g.writeArrayFieldStart(field);
        for (TraceNode n : nodes) {
            g.writeStartObject();
            g.writeStringField("kind", n.kind().name());
            g.writeStringField("label", n.label());
            g.writeStringField("span_id", n.spanId());
            g.writeStringField("parent_span_id", n.parentSpanId());
            time(g, "start", n.start());
            time(g, "end", n.end());
            g.writeNumberField("duration_ms", n.duration().toMillis());
            g.writeNumberField("records", n.records());
            g.writeNumberField("errors", n.errors());
            g.writeNumberField("total_records", n.totalRecords());
            nodes(g, "children", n.children());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** @param batchesOverloaded intake requests the HTTP layer answered 429 ({@link OverloadCount}) */
    static void health(JsonGenerator g, Health h, long batchesOverloaded, long intakeRequests) throws IOException {
        boolean degraded = h.breaker() == Health.BreakerState.OPEN || h.breaker() == Health.BreakerState.HALF_OPEN
                || h.fallbackFiles() > 0;
        g.writeStartObject();
        g.writeStringField("status", degraded ? "degraded" : "ok");
        g.writeStringField("version", h.version());
        g.writeStringField("breaker", h.breaker().name());
        g.writeNumberField("queue_depth", h.queueDepth());
        g.writeNumberField("queue_capacity", h.queueCapacity());
        g.writeObjectFieldStart("fallback");
        g.writeNumberField("files", h.fallbackFiles());
        g.writeNumberField("records", h.fallbackRecords());
        g.writeNumberField("bytes", h.fallbackBytes());
        g.writeEndObject();
        g.writeNumberField("records_accepted", h.recordsAccepted());
        g.writeNumberField("records_stored", h.recordsStored());
        g.writeNumberField("records_rejected", h.recordsRejected());
        g.writeNumberField("records_dropped_by_policy", h.recordsDroppedByPolicy());
        g.writeNumberField("records_shed", h.recordsShed());
        g.writeNumberField("batches_overloaded", batchesOverloaded);
        g.writeNumberField("intake_requests", intakeRequests);
        g.writeNumberField("quarantined_lines", h.quarantinedLines());
        g.writeObjectFieldStart("quarantine");
        g.writeNumberField("lines", h.quarantinedLines());
        g.writeNumberField("records", h.quarantinedRecords());
        g.writeStringField("last_reason", h.lastQuarantineReason());
        g.writeStringField("directory", h.quarantineDirectory());
        g.writeEndObject();
        g.writeNumberField("ingest_rate", h.ingestRate());
        g.writeStringField("last_storage_error", h.lastStorageError());
        time(g, "last_storage_error_at", h.lastStorageErrorAt());
        g.writeNumberField("storage_bytes", h.databaseBytes());
        g.writeNumberField("stored_total", h.storedTotal());
        g.writeEndObject();
    }

    private static void levelCounts(JsonGenerator g, String field, Map<Level, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Level level : Level.values()) {
            g.writeNumberField(level.name(), counts.getOrDefault(level, 0L));
        }
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String field, Instant t) throws IOException {
        g.writeStringField(field, t == null ? null : t.toString());
    }
}
