package dev.pipelog.model;

import java.util.List;

/**
 * Everything recorded under one correlation id: the records in time order and a tree over them.
 * With span ids the tree is the span/parent tree; spans whose parent never appeared are
 * {@code orphans}. Without spans the tree groups pipeline → execution → logger.
 */
public record Correlation(
        String correlationId,
        Grouping grouping,
        List<LogRecord> records,
        List<TraceNode> tree,
        List<TraceNode> orphans) {

    public Correlation {
        records = List.copyOf(records);
        tree = List.copyOf(tree);
        orphans = List.copyOf(orphans);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public enum Grouping {
        SPANS, PIPELINE_EXECUTION_LOGGER
    }
}
