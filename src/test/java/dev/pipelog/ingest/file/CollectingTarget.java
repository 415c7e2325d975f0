package dev.pipelog.ingest.file;

import dev.pipelog.model.LogRecord;
import java.util.ArrayList;
import java.util.List;

/** A target that keeps what it is given, for tests of reading (the store's own tests cover storing). */
final class CollectingTarget implements RecordTarget {
    final List<LogRecord> records = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();

    @Override
    public synchronized void deliver(List<LogRecord> batch) {
        records.addAll(batch);
        batches.add(batch.size());
    }
}
