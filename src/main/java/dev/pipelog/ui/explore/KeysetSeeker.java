package dev.pipelog.ui.explore;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.TimeBound;
import dev.pipelog.model.Timestamps;
import dev.pipelog.store.LogStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds the records at any row of a result list that is too large to page through, using only
 * keyset queries: near a loaded block it continues from that block's first or last record; near
 * either end it reads from that end (the end is the other sort order's first page); anywhere
 * else it guesses the timestamp of the row from the rows it knows, counts the matches before that
 * timestamp to learn the exact row there, and repeats until the guess is close enough to read.
 * Runs on a background thread; holds no state between calls. Thread-safe.
 */
final class KeysetSeeker {
    /** How far a single read may run to reach the wanted row. */
    static final int REACH = 4_000;
    static final int PAGE = 200;
    private static final int MAX_GUESSES = 6;

    private final LogStore store;
    private final LogQuery ascending;

    /** {@code query} must have absolute time bounds so every call sees the same matches. */
    KeysetSeeker(LogStore store, LogQuery query) {
        this.store = store;
        this.ascending = query.toBuilder().order(SortOrder.ASCENDING).cursor(null).limit(PAGE).build();
    }

    /**
     * Reads records around {@code row} of a list of {@code size} matches.
     *
     * @param before the loaded block ending nearest before the row, or null
     * @param after  the loaded block starting nearest after the row, or null
     * @param known  loaded blocks, used to guess timestamps
     */
    Block fetch(int row, int size, Block before, Block after, List<Block> known) {
        if (before != null && row - before.end() < REACH) {
            List<LogRecord> recs = read(SortOrder.ASCENDING, Cursor.after(before.last()), row - before.end() + PAGE);
            return new Block(before.end(), recs);
        }
        if (after != null && after.start() - row < REACH) {
            int from = Math.max(before == null ? 0 : before.end(), row - PAGE / 2);
            List<LogRecord> recs = read(SortOrder.DESCENDING, Cursor.after(after.first()), after.start() - from);
            Collections.reverse(recs);
            return new Block(after.start() - recs.size(), recs);
        }
        if (row < REACH) {
            return new Block(0, read(SortOrder.ASCENDING, null, row + PAGE));
        }
        if (size - row <= REACH) {
            return lastRows(size - row + PAGE / 2, size);
        }
        return seek(row, size, known);
    }

    /** The last {@code n} rows of a list of {@code size}: the first page in the other order. */
    Block lastRows(int n, int size) {
        return endOf(size, newest(n));
    }

    /** The newest {@code n} matches, oldest first; needs no count, so it can run beside one. */
    List<LogRecord> newest(int n) {
        List<LogRecord> recs = read(SortOrder.DESCENDING, null, n);
        Collections.reverse(recs);
        return recs;
    }

    /** {@code newest} as the rows ending a list of {@code size}. */
    static Block endOf(int size, List<LogRecord> newest) {
        return new Block(Math.max(0, size - newest.size()), newest);
    }

    /** Records after the last one shown, for live tail. */
    List<LogRecord> after(LogRecord last, int limit) {
        return read(SortOrder.ASCENDING, Cursor.after(last), limit);
    }

    private Block seek(int row, int size, List<Block> known) {
        TreeMap<Integer, Long> points = new TreeMap<>();
        for (Block b : known) {
            points.put(b.start(), micros(b.first().timestamp()));
            points.put(b.end() - 1, micros(b.last().timestamp()));
        }
        if (!points.containsKey(0)) {
            read(SortOrder.ASCENDING, null, 1).forEach(r -> points.put(0, micros(r.timestamp())));
        }
        if (!points.containsKey(size - 1)) {
            read(SortOrder.DESCENDING, null, 1).forEach(r -> points.put(size - 1, micros(r.timestamp())));
        }
        Block best = null;
        for (int guess = 0; guess < MAX_GUESSES; guess++) {
            var lo = points.floorEntry(row);
            var hi = points.ceilingEntry(row);
            if (lo == null || hi == null) {
                break;
            }
            long t = lo.getKey().equals(hi.getKey()) ? lo.getValue()
                    : lo.getValue() + Math.round((double) (hi.getValue() - lo.getValue())
                    * (row - lo.getKey()) / (hi.getKey() - lo.getKey()));
            Instant at = Timestamps.ofEpochMicros(t);
            int rank = (int) countBefore(at);
            Cursor boundary = new Cursor(at, "");
            if (rank <= row && row - rank < REACH) {
                return new Block(rank, read(SortOrder.ASCENDING, boundary, row - rank + PAGE));
            }
            if (rank > row && rank - row < REACH) {
                List<LogRecord> recs = read(SortOrder.DESCENDING, boundary, rank - row + PAGE / 2);
                Collections.reverse(recs);
                return new Block(rank - recs.size(), recs);
            }
            if (points.containsKey(rank)) {
                break; // many records share this timestamp; guessing again cannot split them
            }
            points.put(rank, t);
            List<LogRecord> anchor = read(SortOrder.ASCENDING, boundary, 1);
            if (!anchor.isEmpty()) {
                best = new Block(rank, anchor);
            }
        }
        // Not close enough yet: hand back the nearest anchor; the next request starts from it.
        return best != null ? best : new Block(0, read(SortOrder.ASCENDING, null, PAGE));
    }

    /** Matches strictly before {@code at}: the row of the first record at or after it. */
    private long countBefore(Instant at) {
        // The store's until is exclusive: this counts exactly the rows before the first one at {@code at}.
        TimeBound until = ascending.until() == null ? TimeBound.at(at)
                : TimeBound.at(min(at, ascending.until().resolve(Instant.now())));
        return store.count(ascending.toBuilder().until(until).build());
    }

    private List<LogRecord> read(SortOrder order, Cursor cursor, int limit) {
        int capped = Math.max(1, Math.min(LogQuery.MAX_LIMIT, limit));
        LogQuery q = ascending.toBuilder().order(order).cursor(cursor).limit(capped).build();
        return new ArrayList<>(store.find(q).items());
    }

    private static long micros(Instant t) {
        return Timestamps.toEpochMicros(t);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
