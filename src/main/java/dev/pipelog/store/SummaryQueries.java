package dev.pipelog.store;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.TimeBound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Executions, pipelines and picker values: aggregates that group records by their ids. */
final class SummaryQueries {
    private static final Level[] LEVEL_COLUMNS = {
        Level.TRACE, Level.DEBUG, Level.INFO, Level.WARNING, Level.ERROR, Level.CRITICAL};

    private final ReaderConnections readers;

    SummaryQueries(ReaderConnections readers) {
        this.readers = readers;
    }

    List<ExecutionSummary> executions(String pipelineId, TimeBound since, TimeBound until, int limit, Instant now) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        RecordFilter filter = RecordFilter.executionsStarted(pipelineId, since, until, now);
        String sql = SqlText.fill("execution_summaries.sql", Map.of("filters", filter.where()));
        return readers.query(sql, new SqlParams().addAll(filter.params()).add(limit), rs -> {
            List<ExecutionSummary> out = new ArrayList<>();
            while (rs.next()) {
                Map<Level, Long> counts = new EnumMap<>(Level.class);
                for (int i = 0; i < LEVEL_COLUMNS.length; i++) {
                    long n = rs.getLong(6 + i);
                    if (n > 0) {
                        counts.put(LEVEL_COLUMNS[i], n);
                    }
                }
                long warnings = counts.getOrDefault(Level.WARNING, 0L);
                long errors = counts.getOrDefault(Level.ERROR, 0L) + counts.getOrDefault(Level.CRITICAL, 0L);
                out.add(new ExecutionSummary(nullIfEmpty(rs.getString(1)), rs.getString(2),
                        SqlParams.instant(rs.getLong(3)), SqlParams.instant(rs.getLong(4)), rs.getLong(5), counts,
                        ExecutionStatus.of(warnings, errors), rs.getString(12)));
            }
            return out;
        });
    }

    private static String nullIfEmpty(String id) {
        return id.isEmpty() ? null : id;
    }

    List<PipelineSummary> pipelines() {
        return readers.query(SqlText.load("pipeline_summaries.sql"), new SqlParams(), rs -> {
            List<PipelineSummary> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new PipelineSummary(rs.getString(1), SqlParams.instant(rs.getLong(2)),
                        SqlParams.instant(rs.getLong(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
            return out;
        });
    }

    List<String> distinctValues(LogStore.Field field, String prefix, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        String column = switch (field) {
            case PIPELINE_ID -> "pipeline_id";
            case EXECUTION_ID -> "execution_id";
            case LOGGER -> "logger";
            case CORRELATION_ID -> "correlation_id";
        };
        return readers.query(SqlText.fill("distinct_values.sql", Map.of("column", column)),
                new SqlParams().add(prefix == null ? "" : prefix).add(limit), rs -> {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                });
    }
}
