package dev.pipelog.store;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages and counts of records. A page is read in time slices from the end the order starts at,
 * growing each time, until it is full: a top-N query over the whole table would read every
 * matching row to find the newest hundred, a slice lets zone maps skip all the older ones.
 * A correlation id is first turned into its time range for the same reason.
 */
final class RecordSearch {
    private static final int FIRST_SLICE_DIVISOR = 256;
    private static final int SLICE_GROWTH = 4;

    private final ReaderConnections readers;

    RecordSearch(ReaderConnections readers) {
        this.readers = readers;
    }

    Page<LogRecord> find(LogQuery query, Instant now) {
        checkRegex(query);
        RecordFilter filter = RecordFilter.page(query, now);
        if (!narrowToCorrelation(query, filter)) {
            return new Page<>(List.of(), null);
        }
        long[] range = dataRange();
        boolean ascending = query.order() == SortOrder.ASCENDING;
        if (range == null) {
            return new Page<>(List.of(), null);
        }
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
        long width = Math.max(1, (hi - lo) / FIRST_SLICE_DIVISOR);
        int wanted = query.limit() + 1;
        List<LogRecord> found = new ArrayList<>(wanted);
        long edge = ascending ? lo : hi;
        while (found.size() < wanted && (ascending ? edge < hi : edge > lo)) {
            long from = ascending ? edge : Math.max(lo, edge - width);
            long to = ascending ? Math.min(hi, edge + width) : edge;
            found.addAll(readers.query(sql, new SqlParams().addAll(filter.params())
                    .add(Timestamps.ofEpochMicros(from)).add(Timestamps.ofEpochMicros(to))
                    .add(wanted - found.size()), RecordRows::readAll));
            edge = ascending ? to : from;
            width = width > Long.MAX_VALUE / (2 * SLICE_GROWTH) ? width : width * SLICE_GROWTH;
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
        if (!narrowToCorrelation(query, filter)) {
            return 0;
        }
        return readers.query(SqlText.fill("count_records.sql", Map.of("filters", filter.where())),
                filter.params(), RecordSearch::singleLong);
    }

    /** First and last time of a correlation id, or null when it has no records. */
    Instant[] correlationRange(String correlationId) {
        return readers.query(SqlText.load("find_correlation_range.sql"), new SqlParams().add(correlationId), rs ->
                rs.next() ? new Instant[] {SqlParams.instant(rs.getLong(1)), SqlParams.instant(rs.getLong(2))} : null);
    }

    /** @return false when the query names a correlation id that has no records */
    private boolean narrowToCorrelation(LogQuery query, RecordFilter filter) {
        if (query.correlationId() == null) {
            return true;
        }
        Instant[] range = correlationRange(query.correlationId());
        if (range == null) {
            return false;
        }
        filter.within(range[0], range[1]);
        return true;
    }

    /** Epoch microseconds of the first and last stored record, or null when the store is empty. */
    private long[] dataRange() {
        return readers.query(SqlText.load("data_time_range.sql"), new SqlParams(), rs -> {
            rs.next();
            long first = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {first, rs.getLong(2)};
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

    static long singleLong(java.sql.ResultSet rs) throws java.sql.SQLException {
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
