package dev.pipelog.ingest;

import dev.pipelog.model.LogRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the first record of each id. The store's deduplication compares a batch with what is
 * already stored; two copies inside one batch (a client's retry grouped with its original, or a
 * fallback file holding both) are removed here first.
 */
public final class DistinctIds {
    private DistinctIds() {
    }

    public static List<LogRecord> firstOfEach(List<LogRecord> records) {
        Set<String> seen = new HashSet<>(records.size() * 2);
        List<LogRecord> distinct = null;
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            if (!seen.add(r.id())) {
                if (distinct == null) {
                    distinct = new ArrayList<>(records.subList(0, i));
                }
            } else if (distinct != null) {
                distinct.add(r);
            }
        }
        return distinct == null ? records : distinct;
    }
}
