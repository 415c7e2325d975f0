package dev.pipelog.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored log record. Timestamps are UTC with microsecond precision. {@code extra} is the
 * compact JSON text of an object (or null); {@code id} is unique in the store and makes replays
 * idempotent.
 */
public record LogRecord(
        String id,
        Instant timestamp,
        Instant receivedAt,
        Level level,
        String logger,
        String message,
        String pipelineId,
        String executionId,
        String correlationId,
        String spanId,
        String parentSpanId,
        String module,
        String function,
        Integer line,
        String thread,
        Long processId,
        String host,
        String source,
        String extra,
        String stackTrace) {

    public LogRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(level, "level");
        timestamp = Timestamps.truncate(timestamp);
        receivedAt = Timestamps.truncate(receivedAt);
        message = message == null ? "" : message;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .id(id).timestamp(timestamp).receivedAt(receivedAt).level(level).logger(logger)
                .message(message).pipelineId(pipelineId).executionId(executionId)
                .correlationId(correlationId).spanId(spanId).parentSpanId(parentSpanId)
                .module(module).function(function).line(line).thread(thread).processId(processId)
                .host(host).source(source).extra(extra).stackTrace(stackTrace);
    }

    /** Mutable builder; not thread-safe. {@link #build()} fills a missing id, time and level. */
    public static final class Builder {
        private String id;
        private Instant timestamp;
        private Instant receivedAt;
        private Level level = Level.INFO;
        private String logger;
        private String message = "";
        private String pipelineId;
        private String executionId;
        private String correlationId;
        private String spanId;
        private String parentSpanId;
        private String module;
        private String function;
        private Integer line;
        private String thread;
        private Long processId;
        private String host;
        private String source;
        private String extra;
        private String stackTrace;

        private Builder() {
        }

        public Builder id(String v) { id = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder receivedAt(Instant v) { receivedAt = v; return this; }
        public Builder level(Level v) { level = v; return this; }
        public Builder logger(String v) { logger = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder pipelineId(String v) { pipelineId = v; return this; }
        public Builder executionId(String v) { executionId = v; return this; }
        public Builder correlationId(String v) { correlationId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder parentSpanId(String v) { parentSpanId = v; return this; }
        public Builder module(String v) { module = v; return this; }
        public Builder function(String v) { function = v; return this; }
        public Builder line(Integer v) { line = v; return this; }
        public Builder thread(String v) { thread = v; return this; }
        public Builder processId(Long v) { processId = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder extra(String v) { extra = v; return this; }
        public Builder stackTrace(String v) { stackTrace = v; return this; }

        public String id() { return id; }
        public Instant timestamp() { return timestamp; }
        public String pipelineId() { return pipelineId; }
        public String executionId() { return executionId; }
        public String correlationId() { return correlationId; }

        public LogRecord build() {
            Instant now = Instant.now();
            Instant received = receivedAt != null ? receivedAt : now;
            return new LogRecord(
                    id != null ? id : RecordIds.next(),
                    timestamp != null ? timestamp : received,
                    received,
                    level != null ? level : Level.INFO,
                    logger, message, pipelineId, executionId, correlationId, spanId, parentSpanId,
                    module, function, line, thread, processId, host, source, extra, stackTrace);
        }
    }
}
