package dev.pipelog.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Aggregates over a window. Histogram counts add up to {@code total}; by-level counts too.
 */
public record Stats(
        long total,
        Map<Level, Long> byLevel,
        long uniquePipelines,
        List<PipelineStats> pipelines,
        Histogram histogram,
        List<LoggerCount> topErrorLoggers,
        Map<ExecutionStatus, Long> executionsByStatus) {

    public Stats {
        byLevel = Map.copyOf(byLevel);
        pipelines = List.copyOf(pipelines);
        topErrorLoggers = List.copyOf(topErrorLoggers);
        executionsByStatus = Map.copyOf(executionsByStatus);
    }

    /** Errors are ERROR and CRITICAL records; the rate is errors / total (0 when empty). */
    public record PipelineStats(String pipelineId, long total, long errors, double errorRate) {
    }

    public record LoggerCount(String logger, String pipelineId, long count) {
    }

    /** Buckets are contiguous, start-aligned to the bucket size, in time order; empty buckets are present. */
    public record Histogram(Duration bucket, List<Bucket> buckets) {
        public Histogram {
            buckets = List.copyOf(buckets);
        }

        public long total() {
            return buckets.stream().mapToLong(Bucket::total).sum();
        }
    }

    public record Bucket(Instant start, Map<Level, Long> counts) {
        public Bucket {
            counts = Map.copyOf(counts);
        }

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
