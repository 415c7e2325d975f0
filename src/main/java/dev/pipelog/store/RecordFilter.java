package dev.pipelog.store;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.TimeBound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The WHERE clause of a {@link LogQuery}: constant SQL fragments joined with AND, every value a
 * parameter. {@code since} is inclusive and {@code until} exclusive, so adjacent ranges never
 * count a record twice.
 */
final class RecordFilter {
    private final List<String> conditions = new ArrayList<>();
    private final SqlParams params = new SqlParams();

    private RecordFilter() {
    }

    /** The query's filters without its cursor (for counts). */
    static RecordFilter of(LogQuery q, Instant now) {
        RecordFilter f = new RecordFilter();
        f.eq("pipeline_id", q.pipelineId());
        f.eq("execution_id", q.executionId());
        f.eq("correlation_id", q.correlationId());
        f.eq("span_id", q.spanId());
        if (!q.levels().isEmpty()) {
            StringJoiner in = new StringJoiner(", ", "level IN (", ")");
            for (Level level : q.levels()) {
                in.add("?");
                f.params.add(level.pythonNumber());
            }
            f.conditions.add(in.toString());
        }
        f.timeRange(q.since(), q.until(), now);
        if (q.loggerPrefix() != null && !q.loggerPrefix().isEmpty()) {
            f.conditions.add("starts_with(logger, ?)");
            f.params.add(q.loggerPrefix());
        }
        if (q.text() != null) {
            if (q.regex()) {
                // A plain substring test first lets the expression run only on records that can match.
                RequiredLiteral.of(q.text()).ifPresent(literal -> {
                    f.conditions.add("contains(message, ?)");
                    f.params.add(literal);
                });
                f.conditions.add("regexp_matches(message, ?)");
                f.params.add(q.text());
            } else {
                // contains() matches literally: %, _ and \ in the text mean themselves.
                f.conditions.add("contains(message_lc, ?)");
                f.params.add(RecordWriter.lowerCase(q.text()));
            }
        }
        return f;
    }

    /** A pipeline (optional) and a time range (either end optional), as statistics and executions use. */
    static RecordFilter window(String pipelineId, TimeBound since, TimeBound until, Instant now) {
        RecordFilter f = new RecordFilter();
        f.eq("pipeline_id", pipelineId);
        f.timeRange(since, until, now);
        return f;
    }

    /** The query's filters plus its keyset position, for one page. */
    static RecordFilter page(LogQuery q, Instant now) {
        RecordFilter f = of(q, now);
        Cursor c = q.cursor();
        if (c != null) {
            if (q.order() == SortOrder.ASCENDING) {
                // The plain ts bound lets zone maps skip blocks; the OR settles ties on id.
                f.conditions.add("ts >= ? AND (ts > ? OR id > ?)");
            } else {
                f.conditions.add("ts <= ? AND (ts < ? OR id < ?)");
            }
            f.params.add(c.timestamp()).add(c.timestamp()).add(c.id());
        }
        return f;
    }

    /** Executions that started within the bounds: over the summed {@code first_ts} of an execution. */
    static RecordFilter startedWithin(TimeBound since, TimeBound until, Instant now) {
        RecordFilter f = new RecordFilter();
        f.timeRange("first_ts", since, until, now);
        return f;
    }

    void timeRange(TimeBound since, TimeBound until, Instant now) {
        timeRange("ts", since, until, now);
    }

    private void timeRange(String column, TimeBound since, TimeBound until, Instant now) {
        if (since != null) {
            conditions.add(column + " >= ?");
            params.add(since.resolve(now));
        }
        if (until != null) {
            conditions.add(column + " < ?");
            params.add(until.resolve(now));
        }
    }

    /** Narrows to a closed time range known to hold every match (lets zone maps skip the rest). */
    void within(Instant first, Instant last) {
        conditions.add("ts >= ? AND ts <= ?");
        params.add(first).add(last);
    }

    void eq(String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            params.add(value);
        }
    }

    String where() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    /** Equal for two filters that select the same records (same SQL, same values). */
    Object key() {
        return List.of(where(), params.values());
    }

    SqlParams params() {
        return params;
    }
}
