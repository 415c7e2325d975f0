package dev.pipelog.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the intake requests that were answered 2xx, in total (for {@code /api/health}) and per client
 * and intake path since the last summary. A client that logs one record per request (Python's {@code HTTPHandler})
 * would otherwise double the records stored and pay a second commit per line for its own request log;
 * instead each client gets one summary record per interval.
 *
 * <p>Thread-safe: any IO thread counts, one timer drains.
 */
final class IntakeRequestTally {
    private final LongAdder total = new LongAdder();
    private final Map<Source, ClientTally> byClient = new ConcurrentHashMap<>();

    private record Source(String client, String path) {
    }

    /**
     * One intake request to {@code path} answered 2xx for {@code client}, which sent {@code bytesIn}
     * and waited {@code nanos}.
     */
    void answered(String client, String path, long bytesIn, long nanos) {
        total.increment();
        Source source = new Source(client, path);
        // A tally drained between the lookup and the add refuses it; the next lookup makes a fresh one.
        while (!byClient.computeIfAbsent(source, c -> new ClientTally()).add(bytesIn, nanos)) {
            Thread.onSpinWait();
        }
    }

    /** Intake requests answered 2xx since the server started. */
    long total() {
        return total.sum();
    }

    /**
     * One DEBUG record per client and intake path with requests since the last call, and forgets them.
     * A request counted while this runs lands in this summary or the next, never in neither.
     */
    List<LogRecord> drainSummaries(Instant now, Duration interval) {
        List<LogRecord> summaries = new ArrayList<>();
        for (Source source : byClient.keySet()) {
            ClientTally tally = byClient.remove(source);
            if (tally != null) {
                summaries.add(tally.summary(source.client(), source.path(), now, interval));
            }
        }
        return summaries;
    }

    private static final class ClientTally {
        private long requests;
        private long bytesIn;
        private long totalNanos;
        private long maxNanos;
        private boolean drained;

        synchronized boolean add(long bytes, long nanos) {
            if (drained) {
                return false;
            }
            requests++;
            bytesIn += Math.max(0, bytes);
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
            return true;
        }

        synchronized LogRecord summary(String client, String path, Instant now, Duration interval) {
            drained = true;
            double meanMillis = totalNanos / 1e6 / requests;
            double maxMillis = maxNanos / 1e6;
            ObjectNode extra = RecordJson.MAPPER.createObjectNode()
                    .put("method", "POST")
                    .put("path", path)
                    .put("requests", requests)
                    .put("bytes_in", bytesIn)
                    .put("mean_duration_ms", Math.round(meanMillis * 100) / 100.0)
                    .put("max_duration_ms", Math.round(maxMillis * 100) / 100.0)
                    .put("interval_s", interval.toSeconds())
                    .put("client", client);
            try {
                return LogRecord.builder()
                        .timestamp(now)
                        .level(Level.DEBUG)
                        .logger("pipelog.http")
                        .message(String.format("POST %s: %,d requests answered 2xx from %s in the last %d s"
                                        + " (mean %.1f ms, max %.1f ms)", path, requests, client,
                                interval.toSeconds(), meanMillis, maxMillis))
                        .pipelineId(RequestLoggingHandler.PIPELINE_ID)
                        .host(client)
                        .source("request-log")
                        .extra(RecordJson.MAPPER.writeValueAsString(extra))
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a flat object of numbers and strings always serialises", e);
            }
        }
    }
}
