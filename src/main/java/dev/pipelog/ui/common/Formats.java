package dev.pipelog.ui.common;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How numbers, sizes and times read in the window. Thread-safe. */
public final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private static final DateTimeFormatter SHORT_DAY =
            DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter AXIS_SECONDS =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter AXIS_MILLIS =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    public static String shortTime(Instant t) {
        return SHORT.format(t);
    }

    /**
     * Labels for the instants of one axis, read left to right: minutes when they tell the instants
     * apart, else seconds, else milliseconds, so that a narrow range never repeats "12-07 22:49"
     * at its start, middle and end. Finer labels keep the date of the first one only.
     */
    public static List<String> axisTimes(List<Instant> instants) {
        List<String> minutes = instants.stream().map(Formats::shortTime).toList();
        if (allDistinct(minutes)) {
            return minutes;
        }
        List<String> seconds = withFirstDate(instants, AXIS_SECONDS);
        return allDistinct(seconds) ? seconds : withFirstDate(instants, AXIS_MILLIS);
    }

    private static List<String> withFirstDate(List<Instant> instants, DateTimeFormatter format) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            labels.add((i == 0 ? SHORT_DAY.format(instants.get(i)) + " " : "") + format.format(instants.get(i)));
        }
        return labels;
    }

    private static boolean allDistinct(List<String> labels) {
        return labels.stream().distinct().count() == labels.size();
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[unit]);
    }

    public static String rate(double perSecond) {
        return perSecond < 10 ? String.format(Locale.ROOT, "%.1f/s", perSecond) : count(Math.round(perSecond)) + "/s";
    }
}
