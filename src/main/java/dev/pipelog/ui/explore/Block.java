package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import java.util.List;

/** Consecutive matches starting at row {@code start} of the ascending result list. */
record Block(int start, List<LogRecord> records) {
    Block {
        records = List.copyOf(records);
    }

    int end() {
        return start + records.size();
    }

    boolean contains(int row) {
        return row >= start && row < end();
    }

    LogRecord first() {
        return records.get(0);
    }

    LogRecord last() {
        return records.get(records.size() - 1);
    }
}
