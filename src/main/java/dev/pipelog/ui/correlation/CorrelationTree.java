package dev.pipelog.ui.correlation;

import dev.pipelog.model.Correlation;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.TraceNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded correlation prepared for the view, built in the background: the rows with their subtree
 * totals, the overall time range the waterfall is drawn against, and the records of each span.
 * Immutable once built; the records a row stands for are found with {@link #recordsOf}.
 */
public final class CorrelationTree {
    static final String ORPHANS_LABEL = "Orphans";
    static final String NO_SPAN_LABEL = "Without a span";

    private final Correlation correlation;
    private final List<TraceRow> roots;
    private final Instant start;
    private final Instant end;
    private final Map<String, List<LogRecord>> recordsBySpan;
    private final long errors;

    private CorrelationTree(Correlation correlation, List<TraceRow> roots, Map<String, List<LogRecord>> recordsBySpan) {
        this.correlation = correlation;
        this.roots = List.copyOf(roots);
        this.recordsBySpan = recordsBySpan;
        this.errors = correlation.records().stream().filter(r -> r.level().atLeast(Level.ERROR)).count();
        this.start = roots.stream().map(TraceRow::start).min(Instant::compareTo)
                .orElse(correlation.records().isEmpty() ? Instant.EPOCH : correlation.records().get(0).timestamp());
        this.end = roots.stream().map(TraceRow::end).max(Instant::compareTo).orElse(start);
    }

    public static CorrelationTree of(Correlation correlation) {
        List<TraceRow> roots = new ArrayList<>();
        for (TraceNode node : correlation.tree()) {
            roots.add(row(node, List.of()));
        }
        if (!correlation.orphans().isEmpty()) {
            List<TraceRow> orphans = correlation.orphans().stream().map(n -> row(n, List.of())).toList();
            roots.add(new TraceRow(TraceRow.Kind.ORPHANS, ORPHANS_LABEL, null, List.of(),
                    orphans.stream().map(TraceRow::start).min(Instant::compareTo).orElseThrow(),
                    orphans.stream().map(TraceRow::end).max(Instant::compareTo).orElseThrow(),
                    0, orphans.stream().mapToLong(TraceRow::totalRecords).sum(),
                    0, orphans.stream().mapToLong(TraceRow::totalErrors).sum(), orphans));
        }
        Map<String, List<LogRecord>> bySpan = new HashMap<>();
        if (correlation.grouping() == Correlation.Grouping.SPANS) {
            List<LogRecord> withoutSpan = new ArrayList<>();
            for (LogRecord r : correlation.records()) {
                if (r.spanId() != null) {
                    bySpan.computeIfAbsent(r.spanId(), k -> new ArrayList<>()).add(r);
                } else {
                    withoutSpan.add(r);
                }
            }
            // The store hangs these off no span; without this group the tree would not show them at all.
            if (!withoutSpan.isEmpty()) {
                long errors = withoutSpan.stream().filter(r -> r.level().atLeast(Level.ERROR)).count();
                roots.add(new TraceRow(TraceRow.Kind.NO_SPAN, NO_SPAN_LABEL, null, List.of(),
                        withoutSpan.get(0).timestamp(), withoutSpan.get(withoutSpan.size() - 1).timestamp(),
                        withoutSpan.size(), withoutSpan.size(), errors, errors, List.of()));
            }
        }
        return new CorrelationTree(correlation, roots, bySpan);
    }

    private static TraceRow row(TraceNode node, List<String> parentPath) {
        List<String> path = new ArrayList<>(parentPath);
        path.add(node.label());
        List<TraceRow> children = new ArrayList<>(node.children().size());
        long records = node.records();
        long errors = node.errors();
        for (TraceNode child : node.children()) {
            TraceRow c = row(child, path);
            children.add(c);
            records += c.totalRecords();
            errors += c.totalErrors();
        }
        return new TraceRow(kindOf(node.kind()), node.label(), node.spanId(), path, node.start(), node.end(),
                node.records(), records, node.errors(), errors, children);
    }

    private static TraceRow.Kind kindOf(TraceNode.Kind kind) {
        return switch (kind) {
            case SPAN -> TraceRow.Kind.SPAN;
            case PIPELINE -> TraceRow.Kind.PIPELINE;
            case EXECUTION -> TraceRow.Kind.EXECUTION;
            case LOGGER -> TraceRow.Kind.LOGGER;
        };
    }

    public Correlation correlation() {
        return correlation;
    }

    public List<TraceRow> roots() {
        return roots;
    }

    /** Start of the earliest node: the waterfall's zero. */
    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** ERROR and CRITICAL records in the whole correlation. */
    public long errors() {
        return errors;
    }

    /**
     * The records a row stands for, in time order: a span's own records, or everything under a
     * group (a pipeline, an execution, a logger, the orphans, the records without a span). Walks the
     * records; call it off the FX thread.
     */
    public List<LogRecord> recordsOf(TraceRow row) {
        return switch (row.kind()) {
            case SPAN -> recordsBySpan.getOrDefault(row.spanId(), List.of());
            case ORPHANS -> spansUnder(row);
            case NO_SPAN -> correlation.records().stream().filter(r -> r.spanId() == null).toList();
            case MORE -> List.of();
            case PIPELINE, EXECUTION, LOGGER -> correlation.records().stream()
                    .filter(r -> matchesPath(r, row.path())).toList();
        };
    }

    private List<LogRecord> spansUnder(TraceRow group) {
        List<String> spans = new ArrayList<>();
        collectSpans(group, spans);
        java.util.Set<String> wanted = new java.util.HashSet<>(spans);
        return correlation.records().stream().filter(r -> r.spanId() != null && wanted.contains(r.spanId())).toList();
    }

    private static void collectSpans(TraceRow row, List<String> into) {
        if (row.spanId() != null) {
            into.add(row.spanId());
        }
        row.children().forEach(c -> collectSpans(c, into));
    }

    private static boolean matchesPath(LogRecord r, List<String> path) {
        String[] values = {r.pipelineId(), r.executionId(), r.logger()};
        for (int i = 0; i < path.size() && i < values.length; i++) {
            if (!Objects.equals(path.get(i), values[i])) {
                return false;
            }
        }
        return true;
    }
}
