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
