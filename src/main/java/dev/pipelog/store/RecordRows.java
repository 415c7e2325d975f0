package dev.pipelog.store;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads records in the column order of {@code find_records.sql}. */
final class RecordRows {
    private RecordRows() {
    }

    static List<LogRecord> readAll(ResultSet rs) throws SQLException {
        List<LogRecord> out = new ArrayList<>();
        while (rs.next()) {
            out.add(read(rs));
        }
        return out;
    }

    /**
     * Reads rows until {@code budget} runs out: the row that exhausts it is the last one read, so a
     * page always makes progress even when one record alone is larger than the budget.
     */
    static List<LogRecord> readWithin(ResultSet rs, TextBudget budget) throws SQLException {
        List<LogRecord> out = new ArrayList<>();
        while (!budget.spent() && rs.next()) {
            LogRecord r = read(rs);
            budget.take(r);
            out.add(r);
        }
        return out;
    }

    /**
     * How many characters of record text one page may still hold. A page of 10,000 records of 1 MB
     * messages would otherwise be ten gigabytes on the heap before the first byte is answered.
     */
    static final class TextBudget {
        private long left;

        TextBudget(long chars) {
            this.left = chars;
        }

        boolean spent() {
            return left <= 0;
        }

        void take(LogRecord r) {
            left -= length(r.message()) + length(r.stackTrace()) + length(r.extra()) + length(r.logger());
        }

        private static long length(String s) {
            return s == null ? 0 : s.length();
        }
    }

    static LogRecord read(ResultSet rs) throws SQLException {
        return new LogRecord(
                rs.getString(1),
                SqlParams.instant(rs.getLong(2)),
                SqlParams.instant(rs.getLong(3)),
                Level.fromNumber(rs.getInt(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                (Integer) rs.getObject(14),
                rs.getString(15),
                (Long) rs.getObject(16),
                rs.getString(17),
                rs.getString(18),
                rs.getString(19),
                rs.getString(20));
    }
}
