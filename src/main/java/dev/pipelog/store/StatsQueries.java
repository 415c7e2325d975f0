package dev.pipelog.store;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics over a window. Level, pipeline and histogram counts come from one grouped scan, so
 * they always add up to the same total.
 */
final class StatsQueries {
    static final int TOP_ERROR_LOGGERS = 10;

    private final ReaderConnections readers;

    StatsQueries(ReaderConnections readers) {
        this.readers = readers;
    }

    Stats stats(StatsQuery query, Instant now) {
        RecordFilter filter = RecordFilter.window(query.pipelineId(), query.since(), query.until(), now);
        Window window = window(query, filter, now);
        long bucketMicros = Math.max(1, window.bucket().toNanos() / 1_000);

        Map<String, long[]> perPipeline = new TreeMap<>();
        Map<Level, Long> byLevel = new EnumMap<>(Level.class);
        TreeMap<Long, Map<Level, Long>> buckets = new TreeMap<>();
        long total = readers.query(SqlText.fill("stats_counts.sql", Map.of("filters", filter.where())),
                new SqlParams().add(bucketMicros).add(bucketMicros).addAll(filter.params()), rs -> {
                    long sum = 0;
                    while (rs.next()) {
                        String pipeline = rs.getString(1);
                        Level level = Level.fromNumber(rs.getInt(2));
                        long bucket = rs.getLong(3);
                        long n = rs.getLong(4);
                        sum += n;
                        byLevel.merge(level, n, Long::sum);
                        buckets.computeIfAbsent(bucket, b -> new EnumMap<>(Level.class)).merge(level, n, Long::sum);
                        if (pipeline != null) {
                            long[] counts = perPipeline.computeIfAbsent(pipeline, p -> new long[2]);
                            counts[0] += n;
                            counts[1] += level.atLeast(Level.ERROR) ? n : 0;
                        }
                    }
                    return sum;
                });

        List<Stats.PipelineStats> pipelines = new ArrayList<>();
        perPipeline.forEach((id, c) -> pipelines.add(new Stats.PipelineStats(id, c[0], c[1], (double) c[1] / c[0])));
        return new Stats(total, byLevel, perPipeline.size(), pipelines,
                histogram(window, bucketMicros, buckets), topErrorLoggers(filter), executionsByStatus(filter));
    }

    private record Window(Instant start, Instant end, Duration bucket) {
    }

    /**
     * The window the histogram covers: the query's bounds, or where the data starts (no since) and
     * now or the last record, whichever is later (no until).
     */
    private Window window(StatsQuery query, RecordFilter filter, Instant now) {
        Instant since = query.since() == null ? null : query.since().resolve(now);
        Instant until = query.until() == null ? null : query.until().resolve(now);
        if (since == null || until == null) {
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
                until = range == null || range[1].isBefore(now) ? now : range[1].plusNanos(1_000);
            }
        }
        if (until.isBefore(since)) {
            until = since;
        }
        Duration bucket = query.bucket() != null ? query.bucket() : HistogramBucket.forWindow(Duration.between(since, until));
        return new Window(since, until, bucket);
    }

    private static Stats.Histogram histogram(Window window, long bucketMicros,
                                             TreeMap<Long, Map<Level, Long>> counted) {
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

    private Map<ExecutionStatus, Long> executionsByStatus(RecordFilter filter) {
        return readers.query(SqlText.fill("stats_execution_status.sql", Map.of("filters", filter.where())),
                filter.params(), rs -> {
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
