package dev.pipelog.ui.pipelines;

import java.time.Duration;
import java.time.Instant;

/**
 * The visible part of a time range mapped onto a width in pixels, zoomed around a point and panned
 * by dragging. The visible window never leaves the full range and never gets narrower than
 * {@link #MIN_SPAN_MILLIS}. Not thread-safe: used on the FX thread.
 */
final class TimeAxis {
    static final double MIN_SPAN_MILLIS = 100;

    private double fullStart;
    private double fullEnd;
    private double start;
    private double end;

    TimeAxis() {
        setRange(Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
    }

    /** Sets the full range and shows all of it. A zero-length range is widened to one minute. */
    void setRange(Instant from, Instant to) {
        fullStart = from.toEpochMilli();
        fullEnd = Math.max(to.toEpochMilli(), fullStart + 60_000);
        reset();
    }

    void reset() {
        start = fullStart;
        end = fullEnd;
    }

    boolean zoomed() {
        return start > fullStart || end < fullEnd;
    }

    Instant visibleStart() {
        return Instant.ofEpochMilli(Math.round(start));
    }

    Instant visibleEnd() {
        return Instant.ofEpochMilli(Math.round(end));
    }

    Duration visibleSpan() {
        return Duration.ofMillis(Math.round(end - start));
    }

    double toX(Instant t, double width) {
        return (t.toEpochMilli() - start) / (end - start) * width;
    }

    Instant toTime(double x, double width) {
        return Instant.ofEpochMilli(Math.round(start + x / width * (end - start)));
    }

    /** Scales the visible span by {@code factor} (below 1 zooms in) keeping the time under {@code anchorX} in place. */
    void zoom(double factor, double anchorX, double width) {
        double anchor = start + anchorX / width * (end - start);
        double span = Math.max(MIN_SPAN_MILLIS, Math.min(fullEnd - fullStart, (end - start) * factor));
        double ratio = anchorX / width;
        setVisible(anchor - ratio * span, span);
    }

    /** Moves the visible window by {@code dx} pixels (positive moves back in time, as a drag to the right does). */
    void pan(double dx, double width) {
        double span = end - start;
        setVisible(start - dx / width * span, span);
    }

    private void setVisible(double newStart, double span) {
        double clamped = Math.max(fullStart, Math.min(newStart, fullEnd - span));
        start = clamped;
        end = clamped + span;
    }
}
