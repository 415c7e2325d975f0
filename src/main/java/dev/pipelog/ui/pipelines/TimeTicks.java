package dev.pipelog.ui.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Round tick marks for a time axis: the step is the smallest round duration that leaves enough room per label. */
final class TimeTicks {
    private static final List<Duration> STEPS = List.of(
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MMM d");
    private static final DateTimeFormatter DAY_PREFIX = DateTimeFormatter.ofPattern("MMM d ");

    record Tick(Instant time, String label) {
    }

    private TimeTicks() {
    }

    static Duration step(Duration visible, double width, double minPixelsPerTick) {
        double maxTicks = Math.max(1, width / minPixelsPerTick);
        for (Duration step : STEPS) {
            if (visible.toMillis() / (double) step.toMillis() <= maxTicks) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    /**
     * Ticks at multiples of the step (in the zone's local time for steps of a day or more) inside the
     * window. Below a day the first tick and the first of each new day also carry the date: a zoomed
     * timeline showing only "14:00" does not say which day it is.
     */
    static List<Tick> ticks(Instant from, Instant to, double width, double minPixelsPerTick, ZoneId zone) {
        Duration step = step(Duration.between(from, to), width, minPixelsPerTick);
        DateTimeFormatter format = formatFor(step).withZone(zone);
        long stepMillis = step.toMillis();
        long offset = step.compareTo(Duration.ofHours(1)) >= 0
                ? zone.getRules().getOffset(from).getTotalSeconds() * 1000L : 0;
        long first = Math.floorDiv(from.toEpochMilli() + offset, stepMillis) * stepMillis - offset;
        boolean dated = step.toDays() < 1;
        DateTimeFormatter dayPrefix = DAY_PREFIX.withZone(zone);
        List<Tick> ticks = new ArrayList<>();
        LocalDate lastDay = null;
        for (long t = first; t <= to.toEpochMilli(); t += stepMillis) {
            if (t >= from.toEpochMilli()) {
                Instant at = Instant.ofEpochMilli(t);
                LocalDate day = LocalDate.ofInstant(at, zone);
                String label = format.format(at);
                if (dated && !day.equals(lastDay)) {
                    label = dayPrefix.format(at) + label;
                }
                lastDay = day;
                ticks.add(new Tick(at, label));
            }
        }
        return ticks;
    }

    /**
     * Where to anchor a label of {@code width} centred on {@code x} so that it stays whole between
     * {@code left} and {@code right}: the last label was cut to "Dec" at the chart's edge.
     */
    static double labelCentre(double x, double width, double left, double right) {
        double half = width / 2;
        if (x + half > right) {
            x = right - half;
        }
        if (x - half < left) {
            x = left + half;
        }
        return x;
    }

    private static DateTimeFormatter formatFor(Duration step) {
        if (step.toMillis() < 1000) {
            return MILLIS;
        }
        if (step.toMinutes() < 1) {
            return SECONDS;
        }
        if (step.toDays() < 1) {
            return MINUTES;
        }
        return DAYS;
    }
}
