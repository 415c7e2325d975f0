package dev.pipelog.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What recent counts learnt about where their matches lie: how many there are and the time of the
 * first and last. The window and the API count a search before reading its first page, so the page
 * can skip the scan entirely when nothing matches and read only the range holding matches otherwise.
 *
 * <p>An extent is used only while no write has happened since it was counted: every write bumps a
 * version before it starts and after it ends (an odd version means one is running). A reader checks
 * the version before and after its query, so it either sees exactly the data that was counted or
 * does not use the extent. Thread-safe.
 */
final class MatchExtents {
    private static final int REMEMBERED = 16;

    /** @param firstMicros epoch microseconds of the first match (meaningless when count is 0) */
    record Extent(long count, long firstMicros, long lastMicros) {
    }

    private record Entry(long version, Extent extent) {
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

    /** The version to hand back to {@link #remember} or {@link #unchangedSince}. */
    long version() {
        return version.get();
    }

    /** True when no write started or ran since {@code seen} was read. */
    boolean unchangedSince(long seen) {
        return seen % 2 == 0 && version.get() == seen;
    }

    /** Keeps an extent counted on data of version {@code seen}, if no write has happened since. */
    void remember(Object filterKey, long seen, Extent extent) {
        if (!unchangedSince(seen)) {
            return;
        }
        synchronized (entries) {
            entries.put(filterKey, new Entry(seen, extent));
        }
    }

    /** The extent of the filter's matches in the current data, or null when not known. */
    Extent recall(Object filterKey, long seen) {
        Entry e;
        synchronized (entries) {
            e = entries.get(filterKey);
        }
        return e != null && e.version() == seen && unchangedSince(seen) ? e.extent() : null;
    }
}
