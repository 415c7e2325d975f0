package dev.pipelog.store;

import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Timestamps;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Epoch microseconds of the first and last stored record, kept in memory so a page query does not
 * have to ask the database first. It may be wider than the data (it grows before a batch commits
 * and shrinks only when reloaded after a cleanup) but never narrower, so a search over it misses
 * nothing. Thread-safe.
 */
final class DataRange {
    private final AtomicReference<long[]> bounds = new AtomicReference<>();

    /** @return {first, last}, or null when nothing is stored */
    long[] get() {
        return bounds.get();
    }

    void reset(long[] firstAndLast) {
        bounds.set(firstAndLast);
    }

    /** Widens the range to cover a batch about to be stored. */
    void cover(List<LogRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (LogRecord r : batch) {
            long t = Timestamps.toEpochMicros(r.timestamp());
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        long first = min;
        long last = max;
        bounds.updateAndGet(b -> b == null ? new long[] {first, last}
                : new long[] {Math.min(b[0], first), Math.max(b[1], last)});
    }
}
