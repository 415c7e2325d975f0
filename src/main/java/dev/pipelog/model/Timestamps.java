package dev.pipelog.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Parsing of the timestamp spellings pipelines send; everything ends as a UTC instant in microseconds. */
public final class Timestamps {
    // ISO-8601 date, optionally with a time ('T' or a space), fraction up to nanoseconds and an offset.
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendPattern("['T'][' ']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter();

    // Epoch numbers are told apart by magnitude: seconds until ~year 5138, then ms, µs, ns.
    private static final double MAX_SECONDS = 1e11;
    private static final double MAX_MILLIS = 1e14;
    private static final double MAX_MICROS = 1e17;

    /**
     * The first and last instant a record may carry: the years 0001 to 9999, which ISO-8601 writes
     * with four digits and every reader of the store (DuckDB, the window, clients) handles. Outside
     * them a record is refused at intake and on replay: DuckDB's TIMESTAMP and epoch microseconds
     * overflow further out, which once failed whole batches after they were acknowledged.
     */
    public static final Instant MIN_STORABLE = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX_STORABLE = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Epoch numbers below this magnitude are the epoch itself to the microsecond; see {@link #fromEpoch}. */
    private static final int SMALLEST_EXPONENT = -7;

    private Timestamps() {
    }

    /** Whether the store can hold this instant: within {@link #MIN_STORABLE} and {@link #MAX_STORABLE}. */
    public static boolean isStorable(Instant t) {
        return !t.isBefore(MIN_STORABLE) && !t.isAfter(MAX_STORABLE);
    }

    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Parses ISO-8601 with or without offset (no offset means UTC), a plain date, or an epoch number
     * in seconds (fractional allowed), milliseconds, microseconds or nanoseconds.
     *
     * @return empty when the text is none of those
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (looksNumeric(t)) {
            try {
                return fromEpoch(new BigDecimal(t));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        try {
            var parsed = WITH_OFFSET.parseBest(t, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            Instant instant;
            if (parsed instanceof OffsetDateTime odt) {
                instant = odt.toInstant();
            } else if (parsed instanceof LocalDateTime ldt) {
                instant = ldt.toInstant(ZoneOffset.UTC);
            } else {
                instant = ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Optional.of(truncate(instant));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** An epoch number of unknown unit, told apart by magnitude. */
    public static Optional<Instant> fromEpoch(Number number) {
        BigDecimal value;
        try {
            value = number instanceof BigDecimal b ? b : new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            // Infinity and NaN as doubles (JSON 1e400 is read as infinity).
            return Optional.empty();
        }
        double abs = Math.abs(value.doubleValue());
        if (Double.isNaN(abs) || Double.isInfinite(abs)) {
            return Optional.empty();
        }
        if (value.signum() != 0 && value.precision() - value.scale() < SMALLEST_EXPONENT) {
            // 1e-1000000000 would cost a division by 10^1000000000 below; it is the epoch (or just before).
            return Optional.of(Instant.EPOCH.plus(value.signum() < 0 ? -1 : 0, ChronoUnit.MICROS));
        }
        BigDecimal micros;
        if (abs < MAX_SECONDS) {
            micros = value.movePointRight(6);
        } else if (abs < MAX_MILLIS) {
            micros = value.movePointRight(3);
        } else if (abs < MAX_MICROS) {
            micros = value;
        } else {
            micros = value.movePointLeft(3);
        }
        try {
            long us = micros.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            return Optional.of(Instant.EPOCH.plus(us, ChronoUnit.MICROS));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    public static long toEpochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static boolean looksNumeric(String t) {
        char c = t.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
            return false;
        }
        // A date such as 2026-11-28 starts with digits too: numbers have no '-' after the sign or 'T'/':'.
        for (int i = 1; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (!(Character.isDigit(ch) || ch == '.' || ch == 'e' || ch == 'E'
                    || ((ch == '-' || ch == '+') && (t.charAt(i - 1) == 'e' || t.charAt(i - 1) == 'E')))) {
                return false;
            }
        }
        return true;
    }
}
