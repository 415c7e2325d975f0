package dev.pipelog.ui.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A row of the correlation tree: a store {@link dev.pipelog.model.TraceNode}, or one of the view's
 * own groups (the orphans). Carries the subtree totals the columns show, computed once in the
 * background. Compared by identity: two spans may look alike.
 *
 * @param label what the store named the node; null for a group of records without that field
 * @param path  the labels from the top-level node down to this one; for the pipeline → execution →
 *              logger grouping it identifies the records the row stands for
 */
public record TraceRow(
        Kind kind,
        String label,
        String spanId,
        List<String> path,
        Instant start,
        Instant end,
        long ownRecords,
        long totalRecords,
        long ownErrors,
        long totalErrors,
        List<TraceRow> children) {

    /**
     * MORE stands for children not shown yet; selecting it shows the next page. NO_SPAN groups the
     * records of a span tree that carry no span id (a library logging outside any span).
     */
    public enum Kind { SPAN, PIPELINE, EXECUTION, LOGGER, ORPHANS, NO_SPAN, MORE }

    public TraceRow {
        path = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(path)); // labels may be null
        children = List.copyOf(children);
    }

    /** The placeholder for {@code hidden} further children of {@code parent}. */
    static TraceRow more(TraceRow parent, int hidden) {
        return new TraceRow(Kind.MORE, String.format(java.util.Locale.ROOT, "… %,d more (select to show %,d more)",
                hidden, Math.min(hidden, LazyTraceItem.PAGE)), null, parent.path(), parent.start(), parent.start(),
                0, 0, 0, 0, List.of());
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
