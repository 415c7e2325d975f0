package dev.pipelog.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to find. Every filter is optional; they combine with AND. Text is a case-insensitive
 * substring of the message unless {@code regex} is set, then a regular expression (RE2 syntax,
 * as DuckDB evaluates it). Results are in (timestamp, id) order; {@code cursor} continues after
 * the last record of a previous page in the same order.
 */
public record LogQuery(
        String pipelineId,
        String executionId,
        Set<Level> levels,
        TimeBound since,
        TimeBound until,
        String loggerPrefix,
        String text,
        boolean regex,
        String correlationId,
        String spanId,
        int limit,
        Cursor cursor,
        SortOrder order) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public LogQuery {
        levels = levels == null || levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Objects.requireNonNull(order, "order");
        text = text == null || text.isEmpty() ? null : text;
        if (regex && text == null) {
            regex = false;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().pipelineId(pipelineId).executionId(executionId).levels(levels)
                .since(since).until(until).loggerPrefix(loggerPrefix).text(text).regex(regex)
                .correlationId(correlationId).spanId(spanId).limit(limit).cursor(cursor).order(order);
    }

    /** The same filters, continuing after {@code next}. */
    public LogQuery after(Cursor next) {
        return toBuilder().cursor(next).build();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String pipelineId;
        private String executionId;
        private Set<Level> levels = Set.of();
        private TimeBound since;
        private TimeBound until;
        private String loggerPrefix;
        private String text;
        private boolean regex;
        private String correlationId;
        private String spanId;
        private int limit = DEFAULT_LIMIT;
        private Cursor cursor;
        private SortOrder order = SortOrder.DESCENDING;

        private Builder() {
        }

        public Builder pipelineId(String v) { pipelineId = v; return this; }
        public Builder executionId(String v) { executionId = v; return this; }
        public Builder levels(Set<Level> v) { levels = v; return this; }
        public Builder since(TimeBound v) { since = v; return this; }
        public Builder until(TimeBound v) { until = v; return this; }
        public Builder loggerPrefix(String v) { loggerPrefix = v; return this; }
        public Builder text(String v) { text = v; return this; }
        public Builder regex(boolean v) { regex = v; return this; }
        public Builder correlationId(String v) { correlationId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder limit(int v) { limit = v; return this; }
        public Builder cursor(Cursor v) { cursor = v; return this; }
        public Builder order(SortOrder v) { order = v; return this; }

        public LogQuery build() {
            return new LogQuery(pipelineId, executionId, levels, since, until, loggerPrefix, text, regex,
                    correlationId, spanId, limit, cursor, order);
        }
    }
}
