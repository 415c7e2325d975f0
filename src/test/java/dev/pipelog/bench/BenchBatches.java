package dev.pipelog.bench;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One shape of benchmark batch, and how latencies over it are summarised, shared so the HTTP and
 * append-latency figures are about the same records and the same quantiles.
 */
final class BenchBatches {
    private BenchBatches() {
    }

    /** {@code size} load-stage records; {@code variant} shifts their time and execution ids. */
    static List<LogRecord> batch(int variant, int size) {
        List<LogRecord> out = new ArrayList<>(size);
        Level[] levels = {Level.DEBUG, Level.INFO, Level.INFO, Level.INFO, Level.WARNING, Level.ERROR};
        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        for (int i = 0; i < size; i++) {
            out.add(LogRecord.builder()
                    .timestamp(t0.plusMillis(variant * 10_000L + i))
                    .level(levels[i % levels.length])
                    .logger("dlt.load.stage" + (i % 7))
                    .message("loaded batch " + i + " of table orders_" + (i % 13) + " in " + (i % 977) + " ms, "
                            + (i * 31 % 10_000) + " rows")
                    .pipelineId("pipeline_" + (i % 5))
                    .executionId("exec_" + variant + "_" + (i / 1000))
                    .module("load").function("run").line(100 + i % 50).thread("MainThread").processId(4242L)
                    .host("etl-01").source("json").extra("{\"rows\":" + (i * 31 % 10_000) + ",\"table\":\"orders\"}")
                    .build());
        }
        return out;
    }

    /** The batch as the listener would hand it over now: no ids (the intake gives fresh ones), received now. */
    static List<LogRecord> restamped(List<LogRecord> batch) {
        Instant now = Instant.now();
        List<LogRecord> out = new ArrayList<>(batch.size());
        for (LogRecord r : batch) {
            out.add(r.toBuilder().id(null).receivedAt(now).build());
        }
        return out;
    }

    /** The nearest-rank {@code q} quantile of sorted nanosecond latencies, in ms (NaN for none). */
    static double quantileMs(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
    }
}
