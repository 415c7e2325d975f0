package dev.pipelog.ui.pipelines;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an execution's records, fed in time order page by page, into stage lanes: by span when the
 * records carry span ids, otherwise by logger. Keeps only aggregates, so an execution of any size
 * costs a few objects per stage. Not thread-safe: one background task feeds it.
 */
final class StageLanes {
    /** Error ticks drawn per lane; beyond that the count still says how many there were. */
    static final int MAX_MARKERS_PER_LANE = 200;
    private static final String NO_LOGGER = "(no logger)";

    private final Map<String, Acc> bySpan = new LinkedHashMap<>();
    private final Map<String, Acc> byLogger = new LinkedHashMap<>();
    private long recordsWithSpan;
    private long recordsSeen;

    void add(LogRecord r) {
        recordsSeen++;
        if (r.spanId() != null) {
            recordsWithSpan++;
            bySpan.computeIfAbsent(r.spanId(), k -> new Acc(loggerOf(r), k)).add(r);
        }
        byLogger.computeIfAbsent(loggerOf(r), k -> new Acc(k, null)).add(r);
    }

    long recordsSeen() {
        return recordsSeen;
    }

    /** Lanes ordered by start; spans when most records have one, loggers otherwise. */
    List<StageLane> lanes() {
        Map<String, Acc> source = recordsWithSpan * 2 > recordsSeen ? bySpan : byLogger;
        Map<String, Long> spansPerLogger = source.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(a -> a.name, java.util.stream.Collectors.counting()));
        List<StageLane> lanes = new ArrayList<>();
        for (Acc a : source.values()) {
            // a logger with several spans gets one lane per span, told apart by the span id
            String name = a.spanId != null && spansPerLogger.get(a.name) > 1
                    ? a.name + " · " + a.spanId.substring(0, Math.min(6, a.spanId.length())) : a.name;
            lanes.add(new StageLane(name, a.start, a.end, a.records, a.errors, a.errorTimes));
        }
        lanes.sort(Comparator.comparing(StageLane::start).thenComparing(StageLane::name));
        return lanes;
    }

    private static String loggerOf(LogRecord r) {
        return r.logger() == null ? NO_LOGGER : r.logger();
    }

    private static final class Acc {
        final String name;
        final String spanId;
        Instant start;
        Instant end;
        long records;
        long errors;
        final List<Instant> errorTimes = new ArrayList<>();

        Acc(String name, String spanId) {
            this.name = name;
            this.spanId = spanId;
        }

        void add(LogRecord r) {
            records++;
            start = start == null || r.timestamp().isBefore(start) ? r.timestamp() : start;
            end = end == null || r.timestamp().isAfter(end) ? r.timestamp() : end;
            if (r.level().atLeast(Level.ERROR)) {
                errors++;
                if (errorTimes.size() < MAX_MARKERS_PER_LANE) {
                    errorTimes.add(r.timestamp());
                }
            }
        }
    }
}
