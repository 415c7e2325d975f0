package dev.pipelog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelog.model.Correlation;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import dev.pipelog.model.TraceNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the tree of a correlation from its records (already in time order). With span ids it is
 * the span/parent tree: each span's own records are counted on it, a span whose parent never
 * appeared is an orphan. Records without a span id then hang off no node; they are still in the
 * record list. Without any span ids the records are grouped pipeline → execution → logger.
 *
 * <p>A span as the OTLP decoder stores it is one record at the span's start with its end in extra
 * {@code end_time}; that end extends the span node, so the node lasts as long as the span did and
 * the waterfall draws a bar rather than a point. {@code duration_ms} alone is not taken as a span
 * end: ordinary log records carry it too (e.g. "finished in N ms", logged when the work ended).
 */
final class CorrelationTree {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorrelationTree() {
    }

    static Correlation of(String correlationId, List<LogRecord> records) {
        boolean anySpan = records.stream().anyMatch(r -> r.spanId() != null);
        if (!anySpan) {
            return new Correlation(correlationId, Correlation.Grouping.PIPELINE_EXECUTION_LOGGER, records,
                    grouped(records), List.of());
        }
        Map<String, SpanBuilder> spans = new LinkedHashMap<>();
        for (LogRecord r : records) {
            if (r.spanId() != null) {
                spans.computeIfAbsent(r.spanId(), SpanBuilder::new).add(r);
            }
        }
        List<SpanBuilder> roots = new ArrayList<>();
        List<SpanBuilder> orphans = new ArrayList<>();
        for (SpanBuilder span : spans.values()) {
            SpanBuilder parent = span.parentSpanId == null ? null : spans.get(span.parentSpanId);
            if (parent != null && parent != span) {
                parent.children.add(span);
            } else if (span.parentSpanId == null || parent == span) {
                roots.add(span);
            } else {
                orphans.add(span);
            }
        }
        // A cycle in bad input (a → b → a) would leave spans unreachable from any root: show them
        // as orphans rather than lose them.
        Set<SpanBuilder> reachable = new HashSet<>();
        roots.forEach(r -> r.collect(reachable));
        orphans.forEach(o -> o.collect(reachable));
        for (SpanBuilder span : spans.values()) {
            if (!reachable.contains(span)) {
                orphans.add(span);
                span.collect(reachable);
            }
        }
        return new Correlation(correlationId, Correlation.Grouping.SPANS, records,
                roots.stream().map(SpanBuilder::build).toList(), orphans.stream().map(SpanBuilder::build).toList());
    }

    private static final class SpanBuilder {
        final String spanId;
        String parentSpanId;
        String label;
        Instant start;
        Instant end;
        long records;
        long errors;
        final List<SpanBuilder> children = new ArrayList<>();

        SpanBuilder(String spanId) {
            this.spanId = spanId;
        }

        void add(LogRecord r) {
            if (label == null) {
                label = r.logger() != null ? r.logger() : spanId;
            }
            if (parentSpanId == null) {
                parentSpanId = r.parentSpanId();
            }
            start = start == null || r.timestamp().isBefore(start) ? r.timestamp() : start;
            end = end == null || r.timestamp().isAfter(end) ? r.timestamp() : end;
            Instant spanEnd = spanEnd(r);
            end = spanEnd != null && spanEnd.isAfter(end) ? spanEnd : end;
            records++;
            errors += r.level().atLeast(Level.ERROR) ? 1 : 0;
        }

        void collect(Set<SpanBuilder> seen) {
            if (seen.add(this)) {
                children.forEach(c -> c.collect(seen));
            }
        }

        TraceNode build() {
            return build(new HashSet<>());
        }

        private TraceNode build(Set<SpanBuilder> onPath) {
            onPath.add(this);
            List<TraceNode> kids = new ArrayList<>();
            Instant s = start;
            Instant e = end;
            for (SpanBuilder child : children.stream().sorted(Comparator.comparing(c -> c.start)).toList()) {
                if (onPath.contains(child)) {
                    continue;
                }
                TraceNode k = child.build(onPath);
                kids.add(k);
                s = k.start().isBefore(s) ? k.start() : s;
                e = k.end().isAfter(e) ? k.end() : e;
            }
            onPath.remove(this);
            return new TraceNode(TraceNode.Kind.SPAN, label, spanId, parentSpanId, s, e, records, errors, kids);
        }
    }

    /**
     * The end a span record carries in extra {@code end_time} (ISO-8601, as the OTLP decoder writes
     * it), or null for a record without one, with one that is not a time, or one before its start.
     */
    static Instant spanEnd(LogRecord r) {
        String extra = r.extra();
        if (extra == null || !extra.contains("\"end_time\"")) {
            return null;
        }
        JsonNode end;
        try {
            end = JSON.readTree(extra).get("end_time");
        } catch (JsonProcessingException e) {
            return null;
        }
        if (end == null || !end.isTextual()) {
            return null;
        }
        return Timestamps.parse(end.asText())
                .filter(Timestamps::isStorable)
                .map(Timestamps::truncate)
                .filter(t -> !t.isBefore(r.timestamp()))
                .orElse(null);
    }

    private static List<TraceNode> grouped(List<LogRecord> records) {
        return group(records, LogRecord::pipelineId, TraceNode.Kind.PIPELINE, pipelineRecords ->
                group(pipelineRecords, LogRecord::executionId, TraceNode.Kind.EXECUTION, executionRecords ->
                        group(executionRecords, LogRecord::logger, TraceNode.Kind.LOGGER, null)));
    }

    /** Groups in order of first appearance; leaves ({@code below} null) count their records. */
    private static List<TraceNode> group(List<LogRecord> records, Function<LogRecord, String> key, TraceNode.Kind kind,
                                         Function<List<LogRecord>, List<TraceNode>> below) {
        Map<String, List<LogRecord>> groups = new LinkedHashMap<>();
        for (LogRecord r : records) {
            groups.computeIfAbsent(String.valueOf(key.apply(r)), k -> new ArrayList<>()).add(r);
        }
        List<TraceNode> nodes = new ArrayList<>();
        for (List<LogRecord> members : groups.values()) {
            String label = key.apply(members.get(0));
            Instant start = members.get(0).timestamp();
            Instant end = members.get(members.size() - 1).timestamp();
            List<TraceNode> children = below == null ? List.of() : below.apply(members);
            long own = below == null ? members.size() : 0;
            long errors = below == null ? members.stream().filter(r -> r.level().atLeast(Level.ERROR)).count() : 0;
            nodes.add(new TraceNode(kind, label, null, null, start, end, own, errors, children));
        }
        return nodes;
    }
}
