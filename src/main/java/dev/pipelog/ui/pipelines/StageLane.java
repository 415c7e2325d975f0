package dev.pipelog.ui.pipelines;

import java.time.Instant;
import java.util.List;

/**
 * One stage of an execution: the records of one span (or, without spans, one logger), from the first
 * to the last, with the instants of its ERROR and CRITICAL records.
 */
public record StageLane(String name, Instant start, Instant end, long records, long errors, List<Instant> errorTimes) {
    public StageLane {
        errorTimes = List.copyOf(errorTimes);
    }
}
