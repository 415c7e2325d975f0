package dev.pipelog.store;

import java.time.Duration;
import java.util.List;

/**
 * Picks a round histogram bucket that cuts a window into at most {@value #MAX_BARS} bars, and
 * checks a bucket someone asked for against {@value #MAX_ASKED_BARS} bars. Windows are measured
 * in microseconds, not nanoseconds: a window reaching back to year 1700 is more nanoseconds than
 * a long holds, which once made every stats call a 500.
 */
final class HistogramBucket {
    static final int MAX_BARS = 120;
    /**
     * The most bars an asked bucket may give. {@code bucket=1s} since 1990 asked for a billion bars
     * and took the heap with it; ten thousand bars are about a megabyte of JSON.
     */
    static final int MAX_ASKED_BARS = 10_000;

    // Neighbours differ by at most 3.5x, so the chosen bucket gives more than 120 / 3.5 = 34 bars
    // whenever the window is longer than 34 of the smallest bucket.
    private static final List<Duration> ROUND = List.of(
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7),
            Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180),
            Duration.ofDays(365));

    private HistogramBucket() {
    }

    static Duration forWindow(Duration window) {
        for (Duration bucket : ROUND) {
            if (barsFor(window, bucket) <= MAX_BARS) {
                return bucket;
            }
        }
        // Windows of centuries: keep the bar count bounded with a whole number of years.
        long years = (window.toDays() / 365) / MAX_BARS + 1;
        return Duration.ofDays(365 * years);
    }

    /** @throws HistogramTooLargeException when {@code bucket} cuts {@code window} into too many bars */
    static void requireFits(Duration window, Duration bucket) {
        long bars = barsFor(window, bucket);
        if (bars > MAX_ASKED_BARS) {
            throw new HistogramTooLargeException(bars, MAX_ASKED_BARS, forWindow(window));
        }
    }

    /** The bucket's length in microseconds, at least one. */
    static long micros(Duration bucket) {
        return Math.max(1, bucket.getSeconds() * 1_000_000L + bucket.getNano() / 1_000);
    }

    private static long barsFor(Duration window, Duration bucket) {
        long w = Math.max(1, micros(window));
        long b = micros(bucket);
        return w / b + (w % b == 0 ? 0 : 1);
    }
}
