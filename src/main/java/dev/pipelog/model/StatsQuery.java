package dev.pipelog.model;

import java.time.Duration;

/**
 * The window statistics are computed over. {@code bucket} null means "pick one": the store chooses
 * a round bucket that gives between about 30 and 120 histogram bars for the window.
 */
public record StatsQuery(String pipelineId, TimeBound since, TimeBound until, Duration bucket) {
    public StatsQuery {
        if (bucket != null && (bucket.isZero() || bucket.isNegative())) {
            throw new IllegalArgumentException("bucket must be positive, was " + bucket);
        }
    }

    public static StatsQuery all() {
        return new StatsQuery(null, null, null, null);
    }
}
