package dev.pipelog.resilience;

import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.model.Correlation;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.LogStore;
import dev.pipelog.store.StoreException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store with faults injected into {@link #append}: fail the next N calls, fail until
 * healed, or hold calls until released. Counts every append call. Everything else passes through.
 */
public final class FaultInjectingStore implements LogStore {
    private final LogStore real;
    private final AtomicInteger appendCalls = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean failing;
    private volatile CountDownLatch gate;

    public FaultInjectingStore(LogStore real) {
        this.real = real;
    }

    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public void failUntilHealed() {
        failing = true;
    }

    public void heal() {
        failing = false;
        failuresLeft.set(0);
    }

    /** Appends wait until {@link #release()}: a store that has become very slow. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    public int appendCalls() {
        return appendCalls.get();
    }

    @Override
    public int append(List<LogRecord> batch, boolean deduplicate) {
        appendCalls.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while held");
            }
        }
        if (failing || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("injected failure: disk on fire");
        }
        return real.append(batch, deduplicate);
    }

    @Override
    public Page<LogRecord> find(LogQuery query) {
        return real.find(query);
    }

    @Override
    public long count(LogQuery query) {
        return real.count(query);
    }

    @Override
    public Stats stats(StatsQuery query) {
        return real.stats(query);
    }

    @Override
    public Stats.Histogram histogram(StatsQuery query) {
        return real.histogram(query);
    }

    @Override
    public Stats.Histogram histogram(LogQuery query) {
        return real.histogram(query);
    }

    @Override
    public Correlation correlation(String correlationId) {
        return real.correlation(correlationId);
    }

    @Override
    public List<ExecutionSummary> executions(String pipelineId, TimeBound since, TimeBound until, int limit) {
        return real.executions(pipelineId, since, until, limit);
    }

    @Override
    public List<PipelineSummary> pipelines() {
        return real.pipelines();
    }

    @Override
    public List<String> distinctValues(Field field, String prefix, int limit) {
        return real.distinctValues(field, prefix, limit);
    }

    @Override
    public CleanupResult cleanup(CleanupRequest request, Collection<PipelineSettings> retention) {
        return real.cleanup(request, retention);
    }

    @Override
    public long deletedCount() {
        return real.deletedCount();
    }

    @Override
    public long totalCount() {
        return real.totalCount();
    }

    @Override
    public long sizeBytes() {
        return real.sizeBytes();
    }

    @Override
    public void close() {
        real.close();
    }
}
