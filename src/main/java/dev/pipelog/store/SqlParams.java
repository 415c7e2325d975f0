package dev.pipelog.store;

import dev.pipelog.model.Timestamps;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Values bound to a statement's {@code ?} in order. Timestamps go in as UTC wall time, as stored. */
final class SqlParams {
    private final List<Object> values = new ArrayList<>();

    SqlParams add(Object value) {
        values.add(value instanceof Instant i ? utc(i) : value);
        return this;
    }

    SqlParams addAll(SqlParams other) {
        values.addAll(other.values);
        return this;
    }

    /** The values in order, for comparing two statements' parameters. */
    List<Object> values() {
        return List.copyOf(values);
    }

    void bind(PreparedStatement st) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            st.setObject(i + 1, values.get(i));
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    static Instant instant(long epochMicros) {
        return Timestamps.ofEpochMicros(epochMicros);
    }
}
