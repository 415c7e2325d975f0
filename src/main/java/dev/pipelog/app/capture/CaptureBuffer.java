package dev.pipelog.app.capture;

import dev.pipelog.ingest.IngestMetrics;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between logging threads and the capture flusher. Logging never blocks:
 * when the buffer is three quarters full, DEBUG and TRACE records are shed; when it is full,
 * everything is. Every shed record is counted in {@link IngestMetrics#shed}.
 *
 * <p>Thread-safe.
 */
final class CaptureBuffer {
    private final ArrayBlockingQueue<LogRecord> queue;
    private final int debugLimit;
    private final IngestMetrics metrics;

    CaptureBuffer(int capacity, IngestMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.debugLimit = capacity * 3 / 4;
        this.metrics = metrics;
    }

    void offer(LogRecord record) {
        boolean detail = !record.level().atLeast(Level.INFO);
        if ((detail && queue.size() >= debugLimit) || !queue.offer(record)) {
            metrics.shed(1);
        }
    }

    /** Waits up to {@code maxWait} for a first record, then takes what is there, up to {@code max}. */
    List<LogRecord> take(int max, long maxWait, TimeUnit unit) throws InterruptedException {
        List<LogRecord> batch = new ArrayList<>();
        LogRecord first = queue.poll(maxWait, unit);
        if (first != null) {
            batch.add(first);
            queue.drainTo(batch, max - 1);
        }
        return batch;
    }

    /** Takes what is there now, up to {@code max}. */
    List<LogRecord> drain(int max) {
        List<LogRecord> batch = new ArrayList<>();
        queue.drainTo(batch, max);
        return batch;
    }
}
