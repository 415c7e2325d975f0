package dev.pipelog.store;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages and counts of records. A page is read in time slices from the end the order starts at,
 * growing each time, until it is full: a top-N query over the whole table would read every
 * matching row to find the newest hundred, a slice lets zone maps skip all the older ones.
 * A correlation id is first turned into its time range for the same reason. A count is
 * remembered ({@link RecentCounts}), so the page read after it skips the scan when nothing
 * matches and starts with a slice sized to hold a page.
 */
final class RecordSearch {
    /**
     * The most record text (messages, stack traces, extra) one page holds, in characters: about 16 MB
     * on the heap. A page that reaches it ends early with a cursor to the next, whatever its limit.
     */
    static final long PAGE_TEXT_CHARS = 8L << 20;
    private static final int FIRST_SLICE_DIVISOR = 2048;
    private static final int SLICE_GROWTH = 8;

    private final ReaderConnections readers;
    private final DataRange dataRange;
    private final RecentCounts counts;

    RecordSearch(ReaderConnections readers, DataRange dataRange, RecentCounts counts) {
        this.readers = readers;
        this.dataRange = dataRange;
        this.counts = counts;
    }

    Page<LogRecord> find(LogQuery query, Instant now) {
        checkRegex(query);
        RecordFilter filter = RecordFilter.page(query, now);
        Instant[] correlation = null;
        if (query.correlationId() != null) {
            correlation = correlationRange(query.correlationId());
            if (correlation == null) {
                return new Page<>(List.of(), null);
            }
            filter.within(correlation[0], correlation[1]);
        }
        // A correlation's records lie in its own (short) range: one slice covers them.
        long[] range = correlation != null
                ? new long[] {Timestamps.toEpochMicros(correlation[0]), Timestamps.toEpochMicros(correlation[1])}
                : dataRange.get();
        if (range == null) {
            return new Page<>(List.of(), null);
        }
        boolean oneSlice = correlation != null;
        long version = counts.version();
        long counted = oneSlice ? RecentCounts.UNKNOWN : counts.recall(RecordFilter.of(query, now).key(), version);
        // A recalled count held for the data at this moment: zero answers the page for it, and any
        // other number only sizes the first slice (the slices go on until the page is full), so a
        // write during the read cannot make the page wrong.
        return find(query, now, filter, range, oneSlice, counted);
    }

    private Page<LogRecord> find(LogQuery query, Instant now, RecordFilter filter, long[] range, boolean oneSlice,
                                 long counted) {
        if (counted == 0) {
            return new Page<>(List.of(), null);
        }
        boolean ascending = query.order() == SortOrder.ASCENDING;
        String sql = SqlText.fill("find_records.sql", Map.of(
                "filters", filter.where(), "direction", ascending ? "ASC" : "DESC"));
        // Slices are half-open [from, to); the query's own bounds and cursor clamp where they run.
        long lo = range[0];
        long hi = range[1] + 1;
        if (query.since() != null) {
            lo = Math.max(lo, Timestamps.toEpochMicros(query.since().resolve(now)));
        }
        if (query.until() != null) {
            hi = Math.min(hi, Timestamps.toEpochMicros(query.until().resolve(now)));
        }
        if (query.cursor() != null) {
            long at = Timestamps.toEpochMicros(query.cursor().timestamp());
            lo = ascending ? Math.max(lo, at) : lo;
            hi = ascending ? hi : Math.min(hi, at + 1);
        }
        int wanted = query.limit() + 1;
        long width = Math.max(1, (hi - lo) / FIRST_SLICE_DIVISOR);
        if (oneSlice) {
            width = Math.max(1, hi - lo);
        } else if (counted > 0) {
            // Twice the span that would hold a page if the matches were spread evenly over the data.
            double share = Math.min(1.0, 2.0 * wanted / counted);
            width = Math.max(width, (long) ((hi - lo) * share));
        }
        List<LogRecord> found = new ArrayList<>(Math.min(wanted, 1024));
        RecordRows.TextBudget text = new RecordRows.TextBudget(PAGE_TEXT_CHARS);
        long edge = ascending ? lo : hi;
        while (found.size() < wanted && !text.spent() && (ascending ? edge < hi : edge > lo)) {
            long from = ascending ? edge : Math.max(lo, edge - width);
            long to = ascending ? Math.min(hi, edge + width) : edge;
            found.addAll(readers.query(sql, new SqlParams().addAll(filter.params())
                    .add(Timestamps.ofEpochMicros(from)).add(Timestamps.ofEpochMicros(to))
                    .add(wanted - found.size()), rs -> RecordRows.readWithin(rs, text)));
            edge = ascending ? to : from;
            width = width > Long.MAX_VALUE / (2 * SLICE_GROWTH) ? width : width * SLICE_GROWTH;
        }
        if (text.spent() && found.size() <= query.limit() && !found.isEmpty()) {
            // Cut short by size: more may follow, and the cursor says where.
            return new Page<>(found, Cursor.after(found.get(found.size() - 1)).encode());
        }
        if (found.size() <= query.limit()) {
            return new Page<>(found, null);
        }
        List<LogRecord> page = found.subList(0, query.limit());
        return new Page<>(page, Cursor.after(page.get(page.size() - 1)).encode());
    }

    long count(LogQuery query, Instant now) {
        checkRegex(query);
        RecordFilter filter = RecordFilter.of(query, now);
        Object key = filter.key();
        if (query.correlationId() != null) {
            Instant[] correlation = correlationRange(query.correlationId());
            if (correlation == null) {
                return 0;
            }
            filter.within(correlation[0], correlation[1]);
        }
        long version = counts.version();
        long count = readers.query(SqlText.fill("count_records.sql", Map.of("filters", filter.where())),
                filter.params(), RecordSearch::singleLong);
        if (query.correlationId() == null) {
            // A correlation's page is one slice of its own range: it never asks for the count.
            counts.remember(key, version, count);
        }
        return count;
    }

    /** First and last time of a correlation id, or null when it has no records. */
    Instant[] correlationRange(String correlationId) {
        return readers.query(SqlText.load("find_correlation_range.sql"), new SqlParams().add(correlationId), rs -> {
            rs.next();
            long first = rs.getLong(1);
            return rs.wasNull() ? null : new Instant[] {SqlParams.instant(first), SqlParams.instant(rs.getLong(2))};
        });
    }

    /** Rejects a bad regular expression as bad input before any data is scanned. */
    private void checkRegex(LogQuery query) {
        if (!query.regex()) {
            return;
        }
        try {
            readers.query(SqlText.load("check_regex.sql"), new SqlParams().add(query.text()), rs -> null);
        } catch (QueryTimeoutException e) {
            throw e;
        } catch (StoreException e) {
            throw new IllegalArgumentException("invalid regular expression '" + query.text() + "': "
                    + rootMessage(e), e);
        }
    }

    static long singleLong(ResultSet rs) throws SQLException {
        rs.next();
        return rs.getLong(1);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
