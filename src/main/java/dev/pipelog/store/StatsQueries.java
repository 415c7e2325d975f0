package dev.pipelog.store;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics over a window. Levels, pipelines and the histogram come from the same counts, so they
 * always add up to the same total. With buckets of whole minutes the counts of whole minutes come
 * from {@code level_minute_count}; only the partial minutes at the window's edges (and windows
 * short enough for sub-minute buckets) are counted from the records themselves.
 */
final class StatsQueries {
    static final int TOP_ERROR_LOGGERS = 10;
    private static final long MINUTE_MICROS = 60_000_000L;

    private final ReaderConnections readers;

    StatsQueries(ReaderConnections readers) {
        this.readers = readers;
    }

    Stats stats(StatsQuery query, Instant now) {
        Counted c = count(query, now);
        Counts counts = c.counts();
        List<Stats.PipelineStats> pipelines = new ArrayList<>();
        counts.perPipeline.forEach((id, n) -> pipelines.add(new Stats.PipelineStats(id, n[0], n[1], (double) n[1] / n[0])));
        RecordFilter records = RecordFilter.window(query.pipelineId(), query.since(), query.until(), now);
        return new Stats(counts.total, counts.byLevel, counts.perPipeline.size(), pipelines,
                c.histogram(), topErrorLoggers(records),
                executionsByStatus(RecordFilter.window(query.pipelineId(), null, null, now),
                        RecordFilter.startedWithin(query.since(), query.until(), now)));
    }

    /** The histogram alone: the level counts {@link #stats} starts from, without its other aggregates. */
    Stats.Histogram histogram(StatsQuery query, Instant now) {
        return count(query, now).histogram();
    }

    /** The histogram of what a search matches: the per-minute counts when they can answer it, else the records. */
    Stats.Histogram histogram(LogQuery query, Instant now) {
        if (!narrowsRecords(query)) {
            return histogram(new StatsQuery(query.pipelineId(), query.since(), query.until(), null), now);
        }
        Instant since = query.since() == null ? null : query.since().resolve(now);
        Instant until = query.until() == null ? null : query.until().resolve(now);
        Window window = window(query.pipelineId(), since, until, null, now);
        long bucketMicros = window.bucketMicros();
        Counts counts = new Counts();
        RecordFilter filter = RecordFilter.of(query, now);
        filter.timeRange(since == null ? TimeBound.at(window.start()) : null,
                until == null ? TimeBound.at(window.countedUntil()) : null, now);
        countRecords(counts, filter, bucketMicros);
        return histogram(window, bucketMicros, counts.buckets);
    }

    /** True when the query filters on more than the pipeline and time, which the per-minute counts know. */
    private static boolean narrowsRecords(LogQuery q) {
        return q.text() != null || q.executionId() != null || q.correlationId() != null || q.spanId() != null
                || !q.levels().isEmpty() || (q.loggerPrefix() != null && !q.loggerPrefix().isEmpty());
    }

    private record Counted(Counts counts, Stats.Histogram histogram) {
    }

    private Counted count(StatsQuery query, Instant now) {
        Instant asked = query.until() == null ? null : query.until().resolve(now);
        Window window = window(query.pipelineId(), query.since() == null ? null : query.since().resolve(now),
                asked, query.bucket(), now);
        // Open ends are closed at the window's: a record dated year 9999 arriving between the range
        // query and the counts cannot stretch the histogram past the bars the window was sized for.
        Instant since = window.start();
        Instant until = asked != null ? asked : window.countedUntil();
        long bucketMicros = window.bucketMicros();

        Counts counts = new Counts();
        if (bucketMicros % MINUTE_MICROS == 0) {
            long from = ceilMinute(Timestamps.toEpochMicros(since));
            long to = Math.floorDiv(Timestamps.toEpochMicros(until), MINUTE_MICROS) * MINUTE_MICROS;
            if (from >= to) {
                countRecords(counts, query.pipelineId(), since, until, bucketMicros, now);
            } else {
                countMinutes(counts, query.pipelineId(), from, to, bucketMicros);
                if (Timestamps.toEpochMicros(since) < from) {
                    countRecords(counts, query.pipelineId(), since, Timestamps.ofEpochMicros(from), bucketMicros, now);
                }
                if (to < Timestamps.toEpochMicros(until)) {
                    countRecords(counts, query.pipelineId(), Timestamps.ofEpochMicros(to), until, bucketMicros, now);
                }
            }
        } else {
            countRecords(counts, query.pipelineId(), since, until, bucketMicros, now);
        }
        return new Counted(counts, histogram(window, bucketMicros, counts.buckets));
    }

    /** Counts by pipeline, level and bucket, merged from however many queries the window needs. */
    private static final class Counts {
        long total;
        final Map<String, long[]> perPipeline = new TreeMap<>();
        final Map<Level, Long> byLevel = new EnumMap<>(Level.class);
        final TreeMap<Long, Map<Level, Long>> buckets = new TreeMap<>();

        void add(String pipeline, Level level, long bucket, long n) {
            total += n;
            byLevel.merge(level, n, Long::sum);
            buckets.computeIfAbsent(bucket, b -> new EnumMap<>(Level.class)).merge(level, n, Long::sum);
            if (pipeline != null) {
                long[] c = perPipeline.computeIfAbsent(pipeline, p -> new long[2]);
                c[0] += n;
                c[1] += level.atLeast(Level.ERROR) ? n : 0;
            }
        }
    }

    private void countRecords(Counts counts, String pipelineId, Instant since, Instant until, long bucketMicros,
                              Instant now) {
        countRecords(counts, RecordFilter.window(pipelineId, since == null ? null : TimeBound.at(since),
                until == null ? null : TimeBound.at(until), now), bucketMicros);
    }

    /** Counts of the records {@code filter} lets through, read from the records themselves. */
    private void countRecords(Counts counts, RecordFilter filter, long bucketMicros) {
        accumulate(counts, SqlText.fill("stats_counts.sql", Map.of("filters", filter.where())),
                new SqlParams().add(bucketMicros).add(bucketMicros).addAll(filter.params()));
    }

    private void countMinutes(Counts counts, String pipelineId, long fromMicros, long toMicros, long bucketMicros) {
        RecordFilter filter = RecordFilter.window(pipelineId, null, null, Instant.EPOCH);
        SqlParams params = new SqlParams().add(bucketMicros).add(bucketMicros)
                .add(Timestamps.ofEpochMicros(fromMicros))
                .add(Timestamps.ofEpochMicros(toMicros))
                .addAll(filter.params());
        accumulate(counts, SqlText.fill("stats_minute_counts.sql", Map.of("filters", filter.where())), params);
    }

    private void accumulate(Counts counts, String sql, SqlParams params) {
        readers.query(sql, params, rs -> {
            while (rs.next()) {
                counts.add(rs.getString(1), Level.fromNumber(rs.getInt(2)), rs.getLong(3), rs.getLong(4));
            }
            return null;
        });
    }

    private static long ceilMinute(long micros) {
        return Math.floorDiv(micros + MINUTE_MICROS - 1, MINUTE_MICROS) * MINUTE_MICROS;
    }

    /**
     * What a histogram covers and how finely. {@code countedUntil} closes an open end: the end of
     * the minute after the window's end, so the per-minute counts answer it whole.
     */
    private record Window(Instant start, Instant end, Duration bucket) {
        long bucketMicros() {
            return HistogramBucket.micros(bucket);
        }

        Instant countedUntil() {
            return Timestamps.ofEpochMicros(ceilMinute(Timestamps.toEpochMicros(end)) + MINUTE_MICROS);
        }
    }

    /**
     * The window the histogram covers: the query's bounds, or where the data starts (no since) and
     * now or the last record, whichever is later (no until).
     *
     * @throws HistogramTooLargeException when an asked bucket cuts the window into more than
     *                                    {@value HistogramBucket#MAX_ASKED_BARS} bars
     */
    private Window window(String pipelineId, Instant since, Instant until, Duration bucket, Instant now) {
        if (since == null || until == null) {
            RecordFilter filter = RecordFilter.window(pipelineId, null, null, now);
            Instant[] range = readers.query(SqlText.fill("stats_time_range.sql", Map.of("filters", filter.where())),
                    filter.params(), rs -> {
                        rs.next();
                        long min = rs.getLong(1);
                        if (rs.wasNull()) {
                            return null;
                        }
                        return new Instant[] {Timestamps.ofEpochMicros(min), Timestamps.ofEpochMicros(rs.getLong(2))};
                    });
            if (since == null) {
                since = range == null ? (until != null ? until : now) : range[0];
            }
            if (until == null) {
                until = range == null || range[1].isBefore(now) ? now : range[1];
            }
        }
        if (until.isBefore(since)) {
            until = since;
        }
        Duration span = Duration.between(since, until);
        if (bucket == null) {
            return new Window(since, until, HistogramBucket.forWindow(span));
        }
        HistogramBucket.requireFits(span, bucket);
        return new Window(since, until, bucket);
    }

    private static Stats.Histogram histogram(Window window, long bucketMicros, TreeMap<Long, Map<Level, Long>> counted) {
        long first = Math.floorDiv(Timestamps.toEpochMicros(window.start()), bucketMicros) * bucketMicros;
        long endMicros = Timestamps.toEpochMicros(window.end());
        long last = Math.floorDiv(Math.max(endMicros - 1, first), bucketMicros) * bucketMicros;
        if (!counted.isEmpty()) {
            // Records past "now" (clock skew in a sender) still get their bars.
            first = Math.min(first, counted.firstKey());
            last = Math.max(last, counted.lastKey());
        }
        List<Stats.Bucket> buckets = new ArrayList<>();
        for (long b = first; b <= last; b += bucketMicros) {
            buckets.add(new Stats.Bucket(Timestamps.ofEpochMicros(b), counted.getOrDefault(b, Map.of())));
        }
        return new Stats.Histogram(window.bucket(), buckets);
    }

    private List<Stats.LoggerCount> topErrorLoggers(RecordFilter filter) {
        return readers.query(SqlText.fill("stats_top_error_loggers.sql", Map.of("filters", filter.where())),
                new SqlParams().addAll(filter.params()).add(TOP_ERROR_LOGGERS), rs -> {
                    List<Stats.LoggerCount> top = new ArrayList<>();
                    while (rs.next()) {
                        top.add(new Stats.LoggerCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                    return top;
                });
    }

    private Map<ExecutionStatus, Long> executionsByStatus(RecordFilter keys, RecordFilter started) {
        return readers.query(SqlText.fill("stats_execution_status.sql",
                        Map.of("keys", keys.where(), "filters", started.where())),
                new SqlParams().addAll(keys.params()).addAll(started.params()), rs -> {
                    Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
                    for (ExecutionStatus s : ExecutionStatus.values()) {
                        counts.put(s, 0L);
                    }
                    while (rs.next()) {
                        counts.put(ExecutionStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                    return counts;
                });
    }
}
