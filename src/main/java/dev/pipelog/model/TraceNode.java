package dev.pipelog.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A node of a correlation tree. For span trees {@code spanId}/{@code parentSpanId} are set and
 * {@code label} is the span's first logger; for the fallback grouping {@code kind} says which level
 * of pipeline → execution → logger the node is and {@code label} its value. {@code records} and
 * {@code errors} count the node's own records; {@code start}/{@code end} cover the node and its
 * children.
 */
public record TraceNode(
        Kind kind,
        String label,
        String spanId,
        String parentSpanId,
        Instant start,
        Instant end,
        long records,
        long errors,
        List<TraceNode> children) {

    public TraceNode {
        children = List.copyOf(children);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Records in this node and all below it. */
    public long totalRecords() {
        return records + children.stream().mapToLong(TraceNode::totalRecords).sum();
    }

    public enum Kind {
        SPAN, PIPELINE, EXECUTION, LOGGER
    }
}
