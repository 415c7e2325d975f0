package dev.pipelog.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One end of a time range: an absolute instant, or a duration before "now" ({@code 15m}, {@code 2h},
 * {@code 7d}) resolved when the query runs so a saved query keeps meaning "the last hour".
 *
 * <p>Bounds lie within {@link #EARLIEST} and {@link #LATEST}: a bound of ±300000 years once reached
 * the store, overflowed its microsecond arithmetic and answered 500. Such text does not parse, and
 * a relative bound reaching further back resolves to {@link #EARLIEST} ("everything").
 */
public sealed interface TimeBound {
    /** The earliest bound a query may name: the first instant of year 1. */
    Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest bound a query may name: the last microsecond of year 9999. */
    Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    Instant resolve(Instant now);

    record Absolute(Instant instant) implements TimeBound {
        public Absolute {
            Objects.requireNonNull(instant, "instant");
            instant = Timestamps.truncate(instant);
        }

        @Override
        public Instant resolve(Instant now) {
            return instant;
        }

        @Override
        public String toString() {
            return instant.toString();
        }
    }

    record Ago(Duration duration) implements TimeBound {
        public Ago {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a relative time must not be negative: " + duration);
            }
        }

        @Override
        public Instant resolve(Instant now) {
            // Compared in seconds first: now minus 19 million years is still an Instant, but far
            // before anything a query can name.
            if (duration.getSeconds() >= now.getEpochSecond() - EARLIEST.getEpochSecond()) {
                return EARLIEST;
            }
            return Timestamps.truncate(now.minus(duration));
        }

        @Override
        public String toString() {
            return format(duration);
        }
    }

    static TimeBound at(Instant instant) {
        return new Absolute(instant);
    }

    static TimeBound ago(Duration duration) {
        return new Ago(duration);
    }

    /**
     * Parses {@code 15m}, {@code 2h}, {@code 7d}, {@code 30s}, {@code 2w}, or any timestamp that
     * {@link Timestamps#parse} accepts.
     *
     * @return empty for anything else, and for a time before {@link #EARLIEST} or after {@link #LATEST}
     */
    static Optional<TimeBound> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> relative = parseDuration(text);
        if (relative.isPresent()) {
            return relative.map(Ago::new);
        }
        return Timestamps.parse(text).filter(TimeBound::withinRange).map(Absolute::new);
    }

    static boolean withinRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** Parses a relative duration: a whole number followed by s, m, h, d or w. */
    static Optional<Duration> parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            return Optional.empty();
        }
        char unit = t.charAt(t.length() - 1);
        String digits = t.substring(0, t.length() - 1);
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            return Optional.empty();
        }
        long n = Long.parseLong(digits);
        switch (unit) {
            case 's': return Optional.of(Duration.ofSeconds(n));
            case 'm': return Optional.of(Duration.ofMinutes(n));
            case 'h': return Optional.of(Duration.ofHours(n));
            case 'd': return Optional.of(Duration.ofDays(n));
            case 'w': return Optional.of(Duration.ofDays(7 * n));
            default: return Optional.empty();
        }
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 604_800 == 0 && s > 0) {
            return s / 604_800 + "w";
        }
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0 && s > 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
