package dev.pipelog.ingest;

import dev.pipelog.ingest.IntakeResult.Destination;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake: a queue bounded by a number of records and one writer thread that commits
 * submitted batches in groups. The group commit is adaptive: a batch that finds the writer idle is
 * committed at once, and what queued up while the writer was busy joins the next group without
 * waiting, up to {@link #MAX_GROUP_RECORDS}. So a lone record is acknowledged after one commit (a
 * millisecond or two), and under load the groups grow by themselves; the store appends large groups
 * faster per record, with little gain past about 40k records (docs/benchmarks/ingest.md). With a
 * {@code flushInterval} above zero the first batch of a group also waits that long for company, up to
 * {@code batchSize} records (fewer, larger commits at the price of that wait on every acknowledgement).
 * A submitted batch is never split: it becomes durable in one place, whole.
 *
 * <p>Records below their pipeline's minimum level are dropped before queueing and counted. The
 * queue is bounded twice: by records, and by an estimate of the heap they hold (a few large
 * records must not exhaust the heap that many small ones fit in). A batch that does not fit is
 * answered {@link IntakeResult.Overloaded} at once and nothing of it is kept.
 *
 * <p>Thread-safe: any number of threads may submit. The returned futures complete on the writer
 * thread, so callers should attach only quick callbacks, or use the {@code *Async} variants.
 */
public final class BatchingIntake implements Intake, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingIntake.class);
    static final Duration OVERLOAD_RETRY_AFTER = Duration.ofSeconds(1);
    private static final long IDLE_POLL_MILLIS = 100;
    static final int MAX_GROUP_RECORDS = 50_000;

    private final BatchSink sink;
    private final PipelineSettingsService pipelineSettings;
    private final IngestMetrics metrics;
    private final int capacity;
    private final long capacityBytes;
    private final int batchSize;
    private final long flushNanos;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Records waiting or being written, and their estimated heap; both guarded by {@code this}. */
    private int queuedRecords;
    private long queuedBytes;
    /** Submitters hold the read side while enqueueing, so closing cannot strand a batch in the queue. */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread writer;
    private boolean closed;

    /**
     * @param capacity      records the queue holds at most
     * @param capacityBytes estimated heap bytes the queued records hold at most ({@link #estimatedBytes})
     * @param flushInterval how long the first batch of a group waits for company; zero (the default)
     *                      commits it as soon as the writer is free
     */
    public BatchingIntake(BatchSink sink, PipelineSettingsService pipelineSettings, IngestMetrics metrics,
                          int capacity, long capacityBytes, int batchSize, Duration flushInterval) {
        this.sink = sink;
        this.pipelineSettings = pipelineSettings;
        this.metrics = metrics;
        this.capacity = capacity;
        this.capacityBytes = capacityBytes;
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        this.writer = new Thread(this::writeLoop, "pipelog-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<IntakeResult> submit(IntakeBatch batch) {
        List<LogRecord> kept = new ArrayList<>(batch.records().size());
        // A batch's records mostly share a pipeline: its settings are looked up once per run of it.
        String lastPipeline = null;
        Optional<PipelineSettings> settings = Optional.empty();
        for (LogRecord r : batch.records()) {
            if (r.pipelineId() != null && !r.pipelineId().equals(lastPipeline)) {
                lastPipeline = r.pipelineId();
                settings = pipelineSettings.get(lastPipeline);
            }
            if (r.pipelineId() == null || settings.isEmpty() || settings.get().keeps(r.level())) {
                kept.add(r);
            }
        }
        int dropped = batch.records().size() - kept.size();
        if (kept.isEmpty()) {
            count(batch, dropped);
            return CompletableFuture.completedFuture(result(batch, 0, dropped, Destination.NONE));
        }
        closing.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.completedFuture(
                        new IntakeResult.Unavailable("Pipelog is shutting down", OVERLOAD_RETRY_AFTER));
            }
            long bytes = estimatedBytes(kept);
            if (!reserve(kept.size(), bytes)) {
                return CompletableFuture.completedFuture(new IntakeResult.Overloaded(OVERLOAD_RETRY_AFTER));
            }
            count(batch, dropped);
            var pending = new Pending(batch, dropped == 0 ? batch.records() : kept, dropped, bytes,
                    new CompletableFuture<>(), System.nanoTime());
            queue.add(pending);
            return pending.future;
        } finally {
            closing.readLock().unlock();
        }
    }

    /** Records waiting for the writer, or being written. */
    public synchronized int queueDepth() {
        return queuedRecords;
    }

    public int queueCapacity() {
        return capacity;
    }

    /**
     * Refuses new batches, lets the writer make every queued record durable, and waits for it.
     * Idempotent.
     */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                // Every accepted record must be durable before close returns; finish waiting.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean reserve(int n, long bytes) {
        // Into an empty queue a batch goes whatever its estimate: one larger than the whole bound
        // would otherwise be answered "send it again later" forever (the body limit bounds it).
        if (queuedRecords + n > capacity || (queuedBytes > 0 && queuedBytes + bytes > capacityBytes)) {
            return false;
        }
        queuedRecords += n;
        queuedBytes += bytes;
        return true;
    }

    private synchronized void release(int n, long bytes) {
        queuedRecords -= n;
        queuedBytes -= bytes;
    }

    /**
     * What the records hold on the heap, roughly: two bytes a character (the worst case of Java's
     * strings) plus the objects around them. Only the bound needs it, so rough is enough.
     */
    static long estimatedBytes(List<LogRecord> records) {
        long bytes = 0;
        for (LogRecord r : records) {
            bytes += 256 + 2L * (r.message().length() + length(r.stackTrace()) + length(r.extra())
                    + length(r.logger()) + length(r.module()) + length(r.function()) + length(r.thread())
                    + length(r.host()) + length(r.source()) + length(r.id()) + length(r.pipelineId())
                    + length(r.executionId()) + length(r.correlationId()) + length(r.spanId())
                    + length(r.parentSpanId()));
        }
        return bytes;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private void count(IntakeBatch batch, int dropped) {
        metrics.rejected(batch.rejections().size());
        metrics.droppedByPolicy(dropped);
    }

    private boolean isClosed() {
        closing.readLock().lock();
        try {
            return closed;
        } finally {
            closing.readLock().unlock();
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (isClosed() && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                group.add(first);
                int records = first.records.size();
                long deadline = first.enqueuedNanos + flushNanos;
                while (flushNanos > 0 && records < batchSize) {
                    long wait = deadline - System.nanoTime();
                    Pending next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                    records += next.records.size();
                }
                Pending waiting;
                while (records < MAX_GROUP_RECORDS && (waiting = queue.poll()) != null) {
                    group.add(waiting);
                    records += waiting.records.size();
                }
            } catch (InterruptedException e) {
                // Nobody interrupts the writer on purpose; keep draining so no accepted batch is stranded.
                LOG.warn("Intake writer interrupted; continuing until closed");
            }
            if (!group.isEmpty()) {
                write(group);
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        boolean deduplicate = false;
        List<LogRecord> records;
        if (group.size() == 1) {
            records = group.get(0).records;
            deduplicate = group.get(0).batch.clientIds();
        } else {
            records = new ArrayList<>();
            for (Pending p : group) {
                records.addAll(p.records);
                deduplicate |= p.batch.clientIds();
            }
        }
        if (deduplicate) {
            records = DistinctIds.firstOfEach(records);
        }
        IntakeResult failure = null;
        Destination destination = Destination.NONE;
        try {
            destination = sink.store(records, deduplicate);
        } catch (SinkUnavailableException e) {
            failure = new IntakeResult.Unavailable(e.getMessage(), e.retryAfter());
        } catch (RuntimeException e) {
            LOG.error("Intake writer failed on a batch of {} records", records.size(), e);
            failure = new IntakeResult.Unavailable("internal error: " + e, OVERLOAD_RETRY_AFTER);
        }
        // Room first, answers second: a caller that submits again on its answer must find the room.
        int n = 0;
        long bytes = 0;
        for (Pending p : group) {
            n += p.records.size();
            bytes += p.bytes;
        }
        release(n, bytes);
        for (Pending p : group) {
            if (failure == null) {
                metrics.accepted(p.records.size());
                p.future.complete(result(p.batch, p.records.size(), p.dropped, destination));
            } else {
                p.future.complete(failure);
            }
        }
    }

    private static IntakeResult result(IntakeBatch batch, int accepted, int dropped, Destination destination) {
        return batch.rejections().isEmpty()
                ? new IntakeResult.Accepted(accepted, dropped, destination)
                : new IntakeResult.PartiallyRejected(accepted, dropped, destination, batch.rejections());
    }

    private record Pending(IntakeBatch batch, List<LogRecord> records, int dropped, long bytes,
                           CompletableFuture<IntakeResult> future, long enqueuedNanos) {
    }
}
