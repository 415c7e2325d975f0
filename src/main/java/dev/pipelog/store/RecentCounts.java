package dev.pipelog.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records recent counts found for their filters. The window and the API count a search
 * before reading its first page, so the page can skip the scan entirely when nothing matches and
 * otherwise start with a time slice wide enough to hold a page.
 *
 * <p>A count is used only while no write has happened since it was counted: every write bumps a
 * version before it starts and after it ends (an odd version means one is running). A reader checks
 * the version before and after its query, so it either sees exactly the data that was counted or
 * does not use the count. Thread-safe.
 */
final class RecentCounts {
    private static final int REMEMBERED = 16;

    /** Returned by {@link #recall} when the count is not known. */
    static final long UNKNOWN = -1;

    private record Entry(long version, long count) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Map<Object, Entry> entries = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Called by the writer around every change to the records. */
    void writeStarted() {
        version.incrementAndGet();
    }

    void writeFinished() {
        version.incrementAndGet();
    }

    /** The version to hand back to {@link #remember} and {@link #recall}. */
    long version() {
        return version.get();
    }

    /** True when no write started or ran since {@code seen} was read. */
    private boolean unchangedSince(long seen) {
        return seen % 2 == 0 && version.get() == seen;
    }

    /** Keeps a count made on data of version {@code seen}, if no write has happened since. */
    void remember(Object filterKey, long seen, long count) {
        if (!unchangedSince(seen)) {
            return;
        }
        synchronized (entries) {
            entries.put(filterKey, new Entry(seen, count));
        }
    }

    /** The filter's matches in the data of version {@code seen}, or {@link #UNKNOWN}. */
    long recall(Object filterKey, long seen) {
        Entry e;
        synchronized (entries) {
            e = entries.get(filterKey);
        }
        return e != null && e.version() == seen && unchangedSince(seen) ? e.count() : UNKNOWN;
    }
}
